import ArgumentParser
import RossumJobs

struct AnnotationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations",
        abstract: "List annotations of a queue; confirm, postpone or delete them, or cancel a review left open.",
        subcommands: [AnnotationsList.self, AnnotationsAct<Confirm>.self, AnnotationsAct<Postpone>.self, AnnotationsAct<Delete>.self,
                      AnnotationsAct<CancelReview>.self]
    )
}

struct AnnotationsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the annotations of a queue, newest first.",
        discussion: """
        Examples:
          rossum-tui annotations list --queue 12 --status to_review
          rossum-tui annotations list --queue 12 --status to_review --json | jq -r .id | xargs rossum-tui annotations postpone --yes
        """
    )

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Option(help: "The queue id.") var queue: Int
    @Option(help: "Only this status (repeat for several).") var status: [String] = []
    @Option(help: "Show at most this many.") var limit: Int?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [queue, status, json, limit] context in
            try await ScriptingCommands.listAnnotations(queueID: queue, statuses: status, json: json, limit: limit, context: context)
        }
    }
}

protocol AnnotationActionName: Sendable { static var action: ScriptingCommands.AnnotationAction { get } }
enum Confirm: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.confirm }
enum Postpone: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.postpone }
enum Delete: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.delete }
enum CancelReview: AnnotationActionName { static let action = ScriptingCommands.AnnotationAction.cancel }

struct AnnotationsAct<Name: AnnotationActionName>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Name.action.rawValue,
            abstract: "\(Name.action.rawValue.capitalized) annotations by id (asks first; scripts pass --yes).",
            discussion: """
            Each id is handled on its own and reported on its own line; the command exits non-zero \
            if any of them failed. Without a terminal and without --yes it refuses (exit 64).

            Each action is sent at most once: the annotation's status is read first, an annotation \
            already there is reported as "already" and nothing is sent, and after a lost answer the \
            status is read again before anything is sent twice. `confirm` refuses an annotation \
            that is already confirmed (confirming it again would export it) unless --export is given.

            Example:
              rossum-tui annotations \(Name.action.rawValue) 1201 1202 --yes
            """)
    }

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Argument(help: "Annotation ids.") var ids: [Int]
    @Flag(help: "Do not ask for confirmation.") var yes = false
    @Flag(help: "One JSON object per line.") var json = false
    @Flag(help: "confirm only: also send annotations that are already confirmed on to export.") var export = false

    func validate() throws {
        if export && Name.action != .confirm { throw ValidationError("--export goes with confirm only") }
    }

    func run() async throws {
        let action = Name.action
        try await runCommand(root.global.overriding(with: local)) { [ids, yes, json, export] context in
            try await ScriptingCommands.act(action, ids: ids, yes: yes, json: json, export: export, context: context)
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
        Example:
          rossum-tui queues list --json | jq -r '"\\(.id) \\(.name)"'
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Option(help: "Only queues of this workspace id.") var workspace: Int?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [workspace, json] context in
            try await ScriptingCommands.listQueues(workspaceID: workspace, json: json, context: context)
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
        Example:
          rossum-tui workspaces list
        """)

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        try await runCommand(root.global.overriding(with: local)) { [json] context in try await ScriptingCommands.listWorkspaces(json: json, context: context) }
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
