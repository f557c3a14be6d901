import Foundation

/// Where rossum-tui keeps its files, after the XDG base directory specification.
/// Built from an environment dictionary so tests (and the console) resolve the same paths
/// without touching the real home directory.
public struct AppPaths: Sendable, Equatable {
    /// `$XDG_CONFIG_HOME/rossum-tui` (default `~/.config/rossum-tui`).
    public let configDirectory: String
    /// `$XDG_STATE_HOME/rossum-tui` (default `~/.local/state/rossum-tui`).
    public let stateDirectory: String

    public init(configDirectory: String, stateDirectory: String) {
        self.configDirectory = configDirectory
        self.stateDirectory = stateDirectory
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        // XDG says relative values are invalid and must be ignored.
        func base(_ key: String, default fallback: String) -> String {
            if let value = environment[key], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(fallback)
        }
        configDirectory = (base("XDG_CONFIG_HOME", default: ".config") as NSString).appendingPathComponent("rossum-tui")
        stateDirectory = (base("XDG_STATE_HOME", default: ".local/state") as NSString).appendingPathComponent("rossum-tui")
    }

    public var configFile: String { (configDirectory as NSString).appendingPathComponent("config.yaml") }
    public var themesDirectory: String { (configDirectory as NSString).appendingPathComponent("themes") }
    public var journalFile: String { (stateDirectory as NSString).appendingPathComponent("journal.sqlite") }
    public var logFile: String { (stateDirectory as NSString).appendingPathComponent("rossum-tui.log") }
    /// The console's `:` prompt history, one line per command.
    public var commandHistoryFile: String { (stateDirectory as NSString).appendingPathComponent("command-history") }

    /// What the console remembers per server: recent annotations, pinned queues.
    public var placesFile: String { (stateDirectory as NSString).appendingPathComponent("places.json") }

    /// Name/path pairs, in the order `rossum-tui paths` prints them.
    public var listing: [(name: String, path: String)] {
        [("config", configFile), ("themes", themesDirectory), ("journal", journalFile), ("log", logFile), ("history", commandHistoryFile), ("places", placesFile)]
    }

    /// The name of the app's own folders (under the XDG config and state homes).
    static let ownFolderName = "rossum-tui"

    /// Creates `path` (and parents) readable by the owner only. An existing directory is
    /// tightened only when it is one of the app's own folders (named `rossum-tui`): a journal
    /// or log the person placed elsewhere (`/tmp`, a shared folder) must not change that
    /// folder's mode for everyone else.
    public static func makePrivateDirectory(_ path: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CommandFailure(.cannotCreate, "\(path) exists and is not a directory: move it away")
            }
            guard (path as NSString).lastPathComponent == ownFolderName else { return }
        } else {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if chmod(path, 0o700) != 0 {
            throw CommandFailure(.cannotCreate, "cannot make \(path) private (mode 0700): \(String(cString: strerror(errno)))")
        }
    }
}
