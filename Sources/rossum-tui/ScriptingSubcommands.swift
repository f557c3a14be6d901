import ArgumentParser
import RossumJobs

struct AnnotationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations",
        abstract: "Annotations: list, show, confirm, postpone, reject, delete, retry-export, cancel, why, bundle.",
        subcommands: [AnnotationsList.self, AnnotationsShow.self, AnnotationsAct<Confirm>.self, AnnotationsAct<Postpone>.self,
                      AnnotationsAct<Reject>.self, AnnotationsAct<Delete>.self, AnnotationsAct<RetryExport>.self,
                      AnnotationsAct<CancelReview>.self, AnnotationsWhy.self, AnnotationsBundle.self]
    )
}

struct AnnotationsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the annotations of a queue, newest first.",
        discussion: """
        The server sorts (--sort id, status, queue_id, created_at or modified_at; default -created_at).

        Examples:
          rossum-tui annotations list --queue 12 --status to_review
          rossum-tui annotations list --queue 12 --sort modified_at --limit 10 --output csv > oldest.csv
          rossum-tui annotations list --queue 12 --status to_review --json | jq -r .id | xargs rossum-tui annotations postpone --yes
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Option(help: "The queue id.") var queue: Int
    @Option(help: "Only this status (repeat for several).") var status: [String] = []
    @OptionGroup var list: ListOutputOptions

    func run() async throws {
        let options = list.options
        try await runCommand(root.global.overriding(with: local)) { [queue, status] context in
            try await ScriptingCommands.listAnnotations(queueID: queue, statuses: status, options: options, context: context)
        }
    }
}

protocol AnnotationActionName: Sendable { static var action: ScriptingCommands.AnnotationAction { get } }
enum Confirm: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.confirm }
enum Postpone: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.postpone }
enum Delete: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.delete }
enum CancelReview: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.cancel }
enum Reject: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.reject }
enum RetryExport: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.retryExport }

struct AnnotationsAct<Name: AnnotationActionName>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Name.action.rawValue,
            abstract: Name.action == .retryExport ? "Send failed exports to export again, as the console's E does (asks first; scripts pass --yes)."
                : "\(Name.action.rawValue.capitalized) annotations by id (asks first; scripts pass --yes).",
            discussion: """
            Each id is handled on its own and reported on its own line; the command exits non-zero \
            if any of them failed. Without a terminal and without --yes it refuses (exit 64).

            Each action is sent at most once: the annotation's status is read first, an annotation \
            already there is reported as "already" and nothing is sent, and after a lost answer the \
            status is read again before anything is sent twice. `confirm` refuses an annotation \
            that is already confirmed (confirming it again would export it) unless --export is given. \
            `reject` needs --note, the rejection's note the sender reads. `retry-export` only sends an annotation \
            whose export failed (status failed_export), and after a lost answer sends it again only \
            if the annotation did not move on.

            Example:
              rossum-tui annotations \(Name.action.rawValue) 1201 1202 --yes\(Name.action == .reject ? " --note 'Not an invoice'" : "")
            """)
    }

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "Annotation ids.") var ids: [Int]
    @Flag(help: "Do not ask for confirmation.") var yes = false
    @Flag(help: "One JSON object per line.") var json = false
    @Flag(help: "confirm only: also send annotations that are already confirmed on to export.") var export = false
    @Option(help: ArgumentHelp("reject only: the note sent with the rejection.", valueName: "text")) var note: String?

    func validate() throws {
        if export && Name.action != .confirm { throw ValidationError("--export goes with confirm only") }
        if note != nil && Name.action != .reject { throw ValidationError("--note goes with reject only") }
        // A rejection's note is what the sender reads, and cannot be added once it is sent.
        if Name.action == .reject && (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("reject needs --note TEXT: the reason the sender reads (it cannot be added afterwards)")
        }
    }

    func run() async throws {
        let action = Name.action
        try await runCommand(root.global.overriding(with: local)) { [ids, yes, json, export, note] context in
            try await ScriptingCommands.act(action, ids: ids, yes: yes, json: json, export: export, note: note, context: context)
        }
    }
}

struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queues", abstract: "Queues.", subcommands: [QueuesList.self])
}

struct QueuesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List queues.",
        discussion: """
        The server sorts (--sort id, name or workspace_id).

        Examples:
          rossum-tui queues list --json | jq -r '"\\(.id) \\(.name)"'
          rossum-tui queues list --sort name --output csv
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Option(help: "Only queues of this workspace id.") var workspace: Int?
    @OptionGroup var list: ListOutputOptions

    func run() async throws {
        let options = list.options
        try await runCommand(root.global.overriding(with: local)) { [workspace] context in
            try await ScriptingCommands.listQueues(workspaceID: workspace, options: options, context: context)
        }
    }
}

struct WorkspacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workspaces", abstract: "Workspaces.", subcommands: [WorkspacesList.self])
}

struct WorkspacesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List workspaces.",
        discussion: """
        The server sorts (--sort id or name).

        Example:
          rossum-tui workspaces list --sort -name --output json
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @OptionGroup var list: ListOutputOptions

    func run() async throws {
        let options = list.options
        try await runCommand(root.global.overriding(with: local)) { context in try await ScriptingCommands.listWorkspaces(options: options, context: context) }
    }
}

extension ScriptingCommands.ExportFileFormat: ExpressibleByArgument {}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the annotations of a queue to a file (csv, xml, xlsx or json).",
        discussion: """
        The file is written as FILE.part and renamed when complete; -o - writes to standard output.

        Examples:
          rossum-tui export 12 --format csv --status confirmed -o confirmed.csv
          rossum-tui export 12 --format csv -o - | head
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The queue id.") var queue: Int
    @Option(help: "csv, xml, xlsx or json.") var format: ScriptingCommands.ExportFileFormat = .csv
    @Option(help: "Only annotations with this status (repeat for several).") var status: [String] = []
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Destination file (- for standard output).", valueName: "file")) var output: String

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [queue, format, status, output] context in
            try await ScriptingCommands.export(queueID: queue, format: format, statuses: status, outputPath: output, context: context)
        }
    }
}

struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload documents to a queue.",
        discussion: """
        Prints one line per file with its upload task; --wait follows each task until it ends \
        (exit 75 if any failed).

        Example:
          rossum-tui upload 12 invoices/*.pdf --wait --json
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "The queue id.") var queue: Int
    @Argument(help: "Files to upload.") var files: [String]
    @Flag(help: "Wait until each upload task ends.") var wait = false
    @Option(help: ArgumentHelp("Give up waiting after this long.", valueName: "duration")) var timeout = DurationOption(.seconds(300))
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let limit = timeout.duration
        try await runCommand(root.global.overriding(with: local)) { [queue, files, wait, json] context in
            try await ScriptingCommands.upload(queueID: queue, files: files, wait: wait, timeout: limit, pollEvery: .seconds(2),
                                               json: json, context: context)
        }
    }
}
