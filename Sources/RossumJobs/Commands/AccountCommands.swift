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

    /// `jobs`: the journal, newest first.
    public static func jobs(limit: Int, json: Bool, context: CommandContext) throws {
        let entries = try context.journal().recentEntries(limit: limit)
        if json {
            for entry in entries {
                let job = entry.job
                var object: [String: Any] = [
                    "id": job.id ?? 0, "kind": job.kind, "dataset": job.dataset, "file": job.filePath, "checksum": job.checksum,
                    "status": job.status.rawValue, "started_at": Timestamp.string(job.startedAt), "summary": job.summary,
                    "attempts": entry.attempts.map { attempt -> [String: Any] in
                        var item: [String: Any] = ["number": attempt.number, "status": attempt.status.rawValue,
                                                   "started_at": Timestamp.string(attempt.startedAt)]
                        if let id = attempt.operationID { item["operation_id"] = id }
                        if let status = attempt.operationStatus { item["operation_status"] = status }
                        if !attempt.detail.isEmpty { item["detail"] = attempt.detail }
                        if let finished = attempt.finishedAt { item["finished_at"] = Timestamp.string(finished) }
                        return item
                    },
                ]
                if let finished = job.finishedAt { object["finished_at"] = Timestamp.string(finished) }
                if let scope = job.scope {
                    object["server"] = Redactor.removingURLCredentials(from: scope.server)
                    object["account"] = scope.account
                }
                context.output.line(JSONLines.line(object))
            }
            return
        }
        if entries.isEmpty {
            context.output.line("no jobs in the journal (\(context.paths.journalFile)) yet")
            return
        }
        context.output.writeOut(TableFormatter.render(
            header: ["JOB", "KIND", "DATASET", "STATUS", "TRIES", "OPERATION", "STARTED", "FILE"],
            rows: entries.map { entry in
                let job = entry.job
                return ["#\(job.id ?? 0)", job.kind, job.dataset, job.status.rawValue, String(entry.attempts.count),
                        entry.latestAttempt?.operationID ?? "", Timestamp.string(job.startedAt), (job.filePath as NSString).lastPathComponent]
            }))
    }
}
