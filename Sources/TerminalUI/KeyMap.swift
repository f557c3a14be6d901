import Synchronization

public enum KeyMapError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAction(ActionID)
    case invalidKey(action: ActionID, name: String)
    case duplicateAction(ActionID)

    public var description: String {
        switch self {
        case .unknownAction(let id): return "keymap: there is no action \"\(id)\""
        case .invalidKey(let id, let name): return "keymap: action \"\(id)\": \(KeyNameError.invalid(name).description)"
        case .duplicateAction(let id): return "keymap: action \"\(id)\" is registered twice"
        }
    }
}

/// One line of help: the keys and what they do.
public struct KeyHelpEntry: Sendable, Hashable {
    public var action: ActionID
    public var keys: [Key]
    public var description: String
    public var scope: KeyScope
    public var dangerous: Bool

    public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}

/// Actions with their effective keys: defaults, then the user's overrides.
///
/// Lookup goes from the most specific scope to `global`, so a screen can reuse a key that
/// means something else elsewhere. In read-only mode dangerous actions are not bound at all,
/// and therefore absent from help and hints too.
public struct KeyMap: Sendable {
    public private(set) var actions: [Action]
    public let readOnly: Bool
    private var keysByAction: [ActionID: [Key]]
    private var actionByScopeAndKey: [KeyScope: [Key: ActionID]]
    /// In read-only mode, the dangerous actions' keys, so a press can say why nothing happens.
    private var switchedOffByScopeAndKey: [KeyScope: [Key: ActionID]]
    /// Position of each action in `actions`, so a lookup by id is not a scan.
    private var indexByAction: [ActionID: Int]
    /// Help entries per scope list: the hint bar asks on every frame, the answer never changes.
    private let helpMemo = HelpMemo()
    private let hintMemo = HelpMemo()

    /// `overrides` maps an action id to key names (as read from the config); an empty list
    /// unbinds the action. Keys an override takes are removed from other actions of the same
    /// scope so one key never means two things.
    public init(actions: [Action], overrides: [String: [String]] = [:], readOnly: Bool = false) throws(KeyMapError) {
        var seen = Set<ActionID>()
        for action in actions {
            if !seen.insert(action.id).inserted { throw .duplicateAction(action.id) }
        }
        self.actions = actions
        self.readOnly = readOnly
        var keys: [ActionID: [Key]] = [:]
        for action in actions { keys[action.id] = action.defaultKeys }
        // Sorted so conflicts between overrides resolve the same way every run.
        for (rawID, names) in overrides.sorted(by: { $0.key < $1.key }) {
            let id = ActionID(rawValue: rawID)
            guard let action = actions.first(where: { $0.id == id }) else { throw .unknownAction(id) }
            var parsed: [Key] = []
            for name in names {
                do { parsed.append(try KeyName.parse(name)) } catch { throw .invalidKey(action: id, name: name) }
            }
            for other in actions where other.id != id && other.scope == action.scope {
                keys[other.id]?.removeAll { parsed.contains($0) }
            }
            keys[id] = parsed
        }
        var byScope: [KeyScope: [Key: ActionID]] = [:]
        var switchedOff: [KeyScope: [Key: ActionID]] = [:]
        for action in actions {
            let off = readOnly && action.dangerous
            for key in keys[action.id] ?? [] {
                if off {
                    if switchedOff[action.scope, default: [:]][key] == nil { switchedOff[action.scope, default: [:]][key] = action.id }
                } else if byScope[action.scope, default: [:]][key] == nil {
                    byScope[action.scope, default: [:]][key] = action.id
                }
            }
        }
        keysByAction = keys
        indexByAction = Dictionary(uniqueKeysWithValues: actions.enumerated().map { ($1.id, $0) })
        actionByScopeAndKey = byScope
        switchedOffByScopeAndKey = switchedOff
    }

    /// The action `key` triggers, looking in `scopes` in order, then in `global`.
    public func action(for key: Key, in scopes: [KeyScope] = []) -> ActionID? {
        for scope in scopes + [.global] {
            if let id = actionByScopeAndKey[scope]?[key] { return id }
        }
        return nil
    }

    /// The dangerous action `key` would trigger if read-only mode were off, so the app can say
    /// why the key does nothing instead of ignoring it.
    public func switchedOffAction(for key: Key, in scopes: [KeyScope] = []) -> Action? {
        guard readOnly else { return nil }
        for scope in scopes + [.global] {
            if actionByScopeAndKey[scope]?[key] != nil { return nil }
            if let id = switchedOffByScopeAndKey[scope]?[key] { return action(id) }
        }
        return nil
    }

    /// The keys bound to an action (none for dangerous actions in read-only mode).
    public func keys(for id: ActionID) -> [Key] {
        guard let action = action(id) else { return [] }
        if readOnly && action.dangerous { return [] }
        return keysByAction[id] ?? []
    }

    public func isAvailable(_ id: ActionID) -> Bool { !keys(for: id).isEmpty }

    /// Help lines for the given scopes (plus global), bound actions only, in registration order.
    public func helpEntries(for scopes: [KeyScope] = []) -> [KeyHelpEntry] {
        helpMemo.entries(for: scopes) { computeHelpEntries(for: scopes) }
    }

    private func computeHelpEntries(for scopes: [KeyScope]) -> [KeyHelpEntry] {
        let wanted = Set(scopes + [.global])
        return actions.compactMap { action in
            guard wanted.contains(action.scope) else { return nil }
            // A key a more specific scope takes for itself does not do this here: help and
            // hints list only what pressing the key would run (`u` undoes in the editor, so it
            // is not also shown as the list's requeue).
            let keys = keys(for: action.id).filter { self.action(for: $0, in: scopes) == action.id }
            guard !keys.isEmpty else { return nil }
            return KeyHelpEntry(action: action.id, keys: keys, description: action.description, scope: action.scope, dangerous: action.dangerous)
        }
    }

    /// The short hint bar: actions flagged `showInHints`, screen-specific ones first.
    public func hints(for scopes: [KeyScope] = []) -> [KeyHelpEntry] {
        hintMemo.entries(for: scopes) { computeHints(for: scopes) }
    }

    private func computeHints(for scopes: [KeyScope]) -> [KeyHelpEntry] {
        let entries = helpEntries(for: scopes).filter { action($0.action)?.showInHints == true }
        var seen = Set<KeyScope>()
        let order = (scopes + [.global]).filter { seen.insert($0).inserted }
        return order.flatMap { scope in entries.filter { $0.scope == scope } }
    }

    private func action(_ id: ActionID) -> Action? { indexByAction[id].map { actions[$0] } }
}

/// The memo behind `KeyMap.helpEntries`: shared by copies of one key map, which never changes
/// after it is built, so an entry once computed stays true.
private final class HelpMemo: Sendable {
    private let table = Mutex<[[KeyScope]: [KeyHelpEntry]]>([:])

    func entries(for scopes: [KeyScope], compute: () -> [KeyHelpEntry]) -> [KeyHelpEntry] {
        if let known = table.withLock({ $0[scopes] }) { return known }
        let entries = compute()
        table.withLock { $0[scopes] = entries }
        return entries
    }
}
