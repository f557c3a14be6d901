import Console
import RossumJobs
import TerminalUI

/// What the console reads from a profile beyond the connection: key bindings (`keys:`) and
/// refresh intervals (`poll_intervals:`), checked before the screen is taken so a typo is
/// reported with the file and the wrong name instead of being ignored.
struct ConsoleOptions: Sendable {
    var keyOverrides: [String: [String]]
    var intervals: RefreshIntervals
    var aliases: CommandAliases
    var plugins: [Plugin]

    init(_ settings: ConnectionSettings, configFile: String) throws {
        do {
            _ = try ConsoleAction.keyMap(overrides: settings.keys, readOnly: false)
        } catch .unknownAction(let id) {
            let known = ConsoleAction.all.map(\.id.rawValue).sorted().joined(separator: ", ")
            throw CommandFailure(.config, "\(configFile), keys: \(KeyMapError.unknownAction(id).description) (actions: \(known))")
        } catch {
            throw CommandFailure(.config, "\(configFile), keys: \(error.description)")
        }
        do {
            intervals = try RefreshIntervals(config: settings.pollIntervals)
        } catch {
            throw CommandFailure(.config, "\(configFile), profile \(settings.profileName): \(error.description)")
        }
        keyOverrides = settings.keys
        aliases = try Self.aliases(settings.aliases, configFile: configFile)
        plugins = try Self.plugins(settings.plugins, configFile: configFile)
    }

    /// The file's `plugins:`, or the error naming the file and the plugin.
    static func plugins(_ config: [String: PluginConfig], configFile: String) throws -> [Plugin] {
        do {
            return try Plugin.all(config: config)
        } catch {
            throw CommandFailure(.config, "\(configFile), \(error.description)")
        }
    }

    /// The file's `aliases:`, or the error naming the file and the alias.
    static func aliases(_ config: [String: String], configFile: String) throws -> CommandAliases {
        do {
            return try CommandAliases(config: config)
        } catch {
            throw CommandFailure(.config, "\(configFile), \(error.description)")
        }
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
