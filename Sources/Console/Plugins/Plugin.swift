import Foundation
import RossumJobs
import TerminalUI

/// A person's own command on the selection, from the config's `plugins:`: bound to a key on
/// the screens it names, listed in help and the hint bar, asked first and switched off in
/// read-only mode when `dangerous`. It runs with the selection in its environment
/// (`PluginEnvironment`), in the background (output shown when done) or in the foreground
/// (the terminal handed over until it ends).
public struct Plugin: Sendable, Hashable {
    public var name: String
    public var key: Key
    public var scopes: [KeyScope]
    public var command: String
    public var description: String
    public var background: Bool
    public var dangerous: Bool
    public var needsToken: Bool

    /// One action per scope (an action has one scope), all running this plugin.
    public var actions: [Action] {
        scopes.map { Action(ActionID(rawValue: "plugin.\(name)@\($0.rawValue)"), description, keys: [key], dangerous: dangerous,
                            scope: $0, showInHints: true) }
    }

    public func runs(_ action: ActionID) -> Bool { actions.contains { $0.id == action } }

    /// Where a plugin may apply: the screens' key scopes.
    public static var knownScopes: [KeyScope] {
        var seen = Set<KeyScope>()
        return (ConsoleAction.all.map(\.scope) + [ConsoleScope.recent]).filter { $0 != .global && seen.insert($0).inserted }
    }

    /// The plugins of the config, checked: each names its key (free where it applies), its
    /// screens and its command; the error names the plugin.
    public static func all(config: [String: PluginConfig]) throws(ConfigValueError) -> [Plugin] {
        let builtIn = try? ConsoleAction.keyMap(readOnly: false)
        var plugins: [Plugin] = []
        for (name, entry) in config.sorted(by: { $0.key < $1.key }) {
            func refuse(_ reason: String) -> ConfigValueError { ConfigValueError("plugins.\(name): \(reason)") }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw refuse("a plugin's name is letters, digits, - and _")
            }
            guard let keyName = entry.key, !keyName.isEmpty else { throw refuse("no key (key: ctrl-e, say)") }
            let key: Key
            do { key = try KeyName.parse(keyName) } catch { throw refuse(String(describing: error)) }
            guard let command = entry.command, !command.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw refuse("no command (command: \"echo $ROSSUM_ANNOTATION_IDS\", say)")
            }
            let known = knownScopes
            let scopes = (entry.scopes ?? []).map { KeyScope(rawValue: $0) }
            guard !scopes.isEmpty else { throw refuse("no scopes (the screens where it applies: \(known.map(\.rawValue).joined(separator: ", ")))") }
            if let unknown = scopes.first(where: { !known.contains($0) }) {
                throw refuse("unknown scope \"\(unknown)\" (known: \(known.map(\.rawValue).joined(separator: ", ")))")
            }
            for scope in scopes {
                // The list and the detail also look keys up in the annotations' scope.
                let lookedUp = [ConsoleScope.list, ConsoleScope.detail].contains(scope) ? [scope, ConsoleScope.annotations] : [scope]
                if let taken = builtIn?.action(for: key, in: lookedUp), let action = ConsoleAction.all.first(where: { $0.id == taken }) {
                    throw refuse("key \(key) is \"\(action.description)\" in \(scope); choose another")
                }
                if let other = plugins.first(where: { $0.key == key && $0.scopes.contains(scope) }) {
                    throw refuse("key \(key) is plugin \(other.name)'s in \(scope); choose another")
                }
            }
            plugins.append(Plugin(name: name, key: key, scopes: scopes, command: command,
                                  description: entry.description ?? "Plugin \(name)", background: entry.background ?? true,
                                  dangerous: entry.dangerous ?? false, needsToken: entry.needsToken ?? false))
        }
        return plugins
    }
}

/// What a plugin runs on: the marked (or selected) annotations and the queue where it was run.
public struct PluginRun: Sendable, Hashable {
    public var plugin: Plugin
    public var annotationIDs: [Int]
    public var queueID: Int?

    public init(plugin: Plugin, annotationIDs: [Int], queueID: Int?) {
        self.plugin = plugin
        self.annotationIDs = annotationIDs
        self.queueID = queueID
    }
}

/// How a plugin run ended: its exit status and, run in the background, what it printed.
public struct PluginOutcome: Sendable, Hashable {
    public var name: String
    public var status: Int32
    public var output: String?
    /// Why it did not run at all (no shell, no token).
    public var failure: String?

    public init(name: String, status: Int32, output: String? = nil, failure: String? = nil) {
        self.name = name
        self.status = status
        self.output = output
        self.failure = failure
    }
}
