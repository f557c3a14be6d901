import Console
import RossumJobs
import TerminalUI

/// What the console reads from a profile beyond the connection: key bindings (`keys:`) and
/// refresh intervals (`poll_intervals:`), checked before the screen is taken so a typo is
/// reported with the file and the wrong name instead of being ignored.
struct ConsoleOptions: Sendable {
    /// The `poll_intervals:` keys, one per view that polls.
    static let pollIntervalKeys = ["tree", "list", "detail", "monitor", "datasets"]

    var keyOverrides: [String: [String]]
    var intervals: RefreshIntervals

    init(_ settings: ConnectionSettings, configFile: String) throws {
        do {
            _ = try ConsoleAction.keyMap(overrides: settings.keys, readOnly: false)
        } catch .unknownAction(let id) {
            let known = ConsoleAction.all.map(\.id.rawValue).sorted().joined(separator: ", ")
            throw CommandFailure(.config, "\(configFile), keys: \(KeyMapError.unknownAction(id).description) (actions: \(known))")
        } catch {
            throw CommandFailure(.config, "\(configFile), keys: \(error.description)")
        }
        let poll = settings.pollIntervals
        if let unknown = poll.keys.sorted().first(where: { !Self.pollIntervalKeys.contains($0) }) {
            throw CommandFailure(.config, "\(configFile), poll_intervals: no view \"\(unknown)\" (views: \(Self.pollIntervalKeys.joined(separator: ", ")))")
        }
        let defaults = RefreshIntervals()
        keyOverrides = settings.keys
        intervals = RefreshIntervals(tree: poll["tree"] ?? defaults.tree, list: poll["list"] ?? defaults.list,
                                     detail: poll["detail"] ?? defaults.detail, monitor: poll["monitor"] ?? defaults.monitor,
                                     datasets: poll["datasets"] ?? defaults.datasets)
    }

    /// Why `profile` cannot be switched to, or nil: its console options, then its connection.
    static func problem(switchingTo profile: String, from context: CommandContext) async -> String? {
        var candidate = context
        candidate.overrides.profile = profile
        do {
            _ = try ConsoleOptions(candidate.settings(), configFile: context.paths.configFile)
        } catch {
            return (error as? CommandFailure)?.message ?? String(describing: error)
        }
        return await ConnectionCheck.problem(switchingTo: profile, from: context)
    }
}
