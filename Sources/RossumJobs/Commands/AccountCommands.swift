import Foundation
import RossumKit

/// `login`, `profiles`, `paths`, `jobs`.
public enum AccountCommands {
    /// `login`: asks what is missing, logs in, stores base URL, username and token in the profile
    /// (never the password).
    public static func login(username: String?, context: CommandContext,
                             readSecret: @Sendable (String) -> String?) async throws {
        let store = context.profileStore
        let configuration = try store.load()
        let (profileName, _) = ConnectionSettings.selectedProfileName(overrides: context.overrides, environment: context.environment,
                                                                      configuration: configuration)
        let existing = configuration.profiles[profileName] ?? Profile()
        let output = context.output
        guard let rawURL = context.overrides.baseURL.nonEmpty ?? context.environment["ROSSUM_BASE_URL"].nonEmpty ?? existing.baseURL.nonEmpty
            ?? ask("API URL (e.g. https://example.rossum.app/api/v1): ", output) else {
            throw CommandFailure(.usage, "no API URL: pass --base-url")
        }
        let baseURL = try ConnectionSettings.validatedBaseURL(rawURL, allowInsecureHTTP: context.overrides.allowInsecureHTTP)
        guard let user = username.nonEmpty ?? context.environment["ROSSUM_USERNAME"].nonEmpty ?? existing.username.nonEmpty
            ?? ask("Username: ", output) else {
            throw CommandFailure(.usage, "no username: pass --username")
        }
        let password: String
        if let fromEnvironment = context.environment["ROSSUM_PASSWORD"].nonEmpty {
            password = fromEnvironment
        } else if output.inIsTerminal, let typed = readSecret("Password for \(user): "), !typed.isEmpty {
            password = typed
        } else {
            throw CommandFailure(.usage, "no password: run `rossum-tui login` in a terminal, or set ROSSUM_PASSWORD")
        }
        let client: RossumClient
        do {
            client = try RossumClient(baseURL: baseURL, credentials: .credentials(username: user, password: password),
                                      configuration: context.clientConfiguration)
        } catch {
            throw CommandFailure(.config, ErrorClassifier.classify(error).message)
        }
        let token: String
        do {
            token = try await client.token()
        } catch {
            let classified = ErrorClassifier.classify(error)
            throw CommandFailure(classified.status, classified.message)
        }
        var updated = try store.load()
        var profile = updated.profiles[profileName] ?? Profile()
        profile.baseURL = baseURL
        profile.username = user
        profile.token = token
        profile.password = nil
        updated.profiles[profileName] = profile
        // The first profile becomes the one used without --profile.
        if updated.defaultProfile == nil, updated.profiles[ConnectionSettings.defaultProfileName] == nil {
            updated.defaultProfile = profileName
        }
        try store.save(updated)
        output.line("logged in as \(user); token stored in profile \"\(profileName)\" of \(context.paths.configFile)")
    }

    private static func ask(_ prompt: String, _ output: OutputStreams) -> String? {
        guard output.inIsTerminal else { return nil }
        output.writeErr(prompt)
        return output.readLine().nonEmpty
    }

    /// `profiles`: names, URLs, how they authenticate (never the secrets).
    public static func profiles(json: Bool, context: CommandContext) throws {
        let configuration = try context.profileStore.load()
        let selected = ConnectionSettings.selectedProfileName(overrides: context.overrides, environment: context.environment,
                                                              configuration: configuration).name
        let rows = configuration.profiles.keys.sorted().map { name -> (String, Profile, String) in
            let profile = configuration.profiles[name]!
            let auth = profile.token.nonEmpty != nil ? "token" : profile.password.nonEmpty != nil ? "password" : profile.username.nonEmpty != nil ? "username only" : "none"
            return (name, profile, auth)
        }
        if json {
            for (name, profile, auth) in rows {
                var object: [String: Any] = ["name": name, "auth": auth, "selected": name == selected, "readonly": profile.readonly ?? false]
                if let url = profile.baseURL { object["base_url"] = Redactor.removingURLCredentials(from: url) }
                if let user = profile.username { object["username"] = user }
                if let theme = profile.theme { object["theme"] = theme }
                context.output.line(JSONLines.line(object))
            }
            return
        }
        if rows.isEmpty {
            context.output.line("no profiles yet in \(context.paths.configFile): create one with `rossum-tui login --profile NAME --base-url URL`")
            return
        }
        context.output.writeOut(TableFormatter.render(
            header: ["", "PROFILE", "BASE URL", "USER", "AUTH", "READONLY"],
            rows: rows.map { name, profile, auth in
                [name == selected ? "*" : "", name, Redactor.removingURLCredentials(from: profile.baseURL ?? ""), profile.username ?? "", auth, (profile.readonly ?? false) ? "yes" : ""]
            }))
    }

    /// `paths`
    public static func paths(json: Bool, context: CommandContext) {
        for (name, path) in context.paths.listing {
            context.output.line(json ? JSONLines.line(["name": name, "path": path]) : "\(name.padding(toLength: 8, withPad: " ", startingAt: 0))\(path)")
        }
    }

    /// `jobs`: the journal's newest jobs; `--sort` orders them here (the journal is local).
    public static let jobList = ListDefinition(
        columns: [ListColumn("id", "JOB"), ListColumn("kind", "KIND"), ListColumn("dataset", "DATASET"), ListColumn("status", "STATUS"),
                  ListColumn("tries", "TRIES"), ListColumn("operation_id", "OPERATION"), ListColumn("started_at", "STARTED"),
                  ListColumn("file_name", "FILE"), ListColumn("finished_at"), ListColumn("file"), ListColumn("checksum"),
                  ListColumn("summary"), ListColumn("server"), ListColumn("account"), ListColumn("attempts")],
        sorting: .client)

    /// `jobs`: the newest `fetch` jobs of the journal.
    public static func jobs(fetch: Int, options: ListOptions, context: CommandContext) throws {
        let entries = try context.journal().recentEntries(limit: fetch)
        if entries.isEmpty && options.format == .table {
            context.output.line("no jobs in the journal (\(context.paths.journalFile)) yet")
            return
        }
        let rows = entries.map { entry -> JSONObject in
            let job = entry.job
            var row: JSONObject = [
                "id": .number(Double(job.id ?? 0)), "kind": .string(job.kind), "dataset": .string(job.dataset), "status": .string(job.status.rawValue),
                "tries": .number(Double(entry.attempts.count)),
                "started_at": .string(Timestamp.string(job.startedAt)), "file_name": .string((job.filePath as NSString).lastPathComponent),
                "file": .string(job.filePath), "checksum": .string(job.checksum), "summary": .string(job.summary),
            ]
            row["operation_id"] = entry.latestAttempt?.operationID.map(JSONValue.string)
            row["finished_at"] = job.finishedAt.map { .string(Timestamp.string($0)) }
            if let scope = job.scope {
                row["server"] = .string(Redactor.removingURLCredentials(from: scope.server))
                row["account"] = .string(scope.account)
            }
            row["attempts"] = .array(entry.attempts.map { attempt in
                var item: JSONObject = ["number": .number(Double(attempt.number)), "status": .string(attempt.status.rawValue),
                                        "started_at": .string(Timestamp.string(attempt.startedAt))]
                item["operation_id"] = attempt.operationID.map(JSONValue.string)
                item["operation_status"] = attempt.operationStatus.map(JSONValue.string)
                item["detail"] = attempt.detail.isEmpty ? nil : .string(attempt.detail)
                item["finished_at"] = attempt.finishedAt.map { .string(Timestamp.string($0)) }
                return .object(item)
            })
            return row
        }
        try ListWriter(jobList, options: options, output: context.output).writeAll(rows)
    }
}
