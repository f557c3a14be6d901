/// The `:` command line with tab completion, and the `/` filter line. Both are a prefix and
/// a text field; the command line also knows the commands it can complete.
public struct CommandPrompt: Sendable, Hashable {
    public var prefix: Character
    public var input: TextInput
    public var completions: [String]
    /// Candidates for the current text, shown after tab.
    public private(set) var candidates: [String]
    private var cycleIndex: Int?

    public init(prefix: Character = ":", completions: [String] = [], text: String = "") {
        self.prefix = prefix
        input = TextInput(text)
        self.completions = completions
        candidates = []
    }

    /// A `/` filter line: same editing, no completion.
    public static func filter(text: String = "") -> CommandPrompt { CommandPrompt(prefix: "/", text: text) }

    public var text: String { input.text }

    /// Commands starting with the typed text (case-insensitive), in their given order.
    public func matches(for text: String) -> [String] {
        let typed = text.lowercased()
        return completions.filter { $0.lowercased().hasPrefix(typed) }
    }

    /// Tab: completes to the longest common prefix of the matches; when there is nothing to
    /// add, cycles through the matches. Enter submits, esc cancels; the rest edits.
    public mutating func handle(_ key: Key) -> DialogOutcome? {
        switch key {
        case .escape:
            return .cancelled
        case .enter:
            return .submitted(input.text)
        case .tab, .backTab:
            complete(backwards: key == .backTab)
            return nil
        default:
            if input.handle(key) {
                candidates = []
                cycleIndex = nil
            }
            return nil
        }
    }

    private mutating func complete(backwards: Bool) {
        if let index = cycleIndex, !candidates.isEmpty {
            let next = (index + (backwards ? candidates.count - 1 : 1)) % candidates.count
            cycleIndex = next
            input.setText(candidates[next])
            return
        }
        let found = matches(for: input.text)
        candidates = found
        guard !found.isEmpty else { return }
        if found.count == 1 {
            input.setText(found[0] + " ")
            candidates = []
            return
        }
        let common = Self.commonPrefix(found)
        if common.count > input.text.count {
            input.setText(common)
        } else {
            cycleIndex = backwards ? found.count - 1 : 0
            input.setText(found[cycleIndex!])
        }
    }

    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let characters = Array(string)
            var length = 0
            while length < min(prefix.count, characters.count) && prefix[length] == characters[length] { length += 1 }
            prefix = Array(prefix[..<length])
        }
        return String(prefix)
    }

    /// One row: the prefix and the field, then the candidates in muted text.
    public func render(in rect: Rect, into grid: inout Grid, theme: Theme) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        let style = theme.style(.input)
        grid.fill(row, style: style)
        grid.put(String(prefix), x: row.x, y: row.y, style: theme.style(.accent))
        var fieldWidth = row.width - 1
        if candidates.count > 1 {
            let list = "  " + candidates.joined(separator: " ")
            let listWidth = min(TextWidth.of(list), max(0, row.width / 2))
            fieldWidth -= listWidth
            grid.put(TextWidth.truncate(list, to: listWidth), x: row.maxX - listWidth, y: row.y, style: theme.style(.muted))
        }
        input.render(in: Rect(x: row.x + 1, y: row.y, width: fieldWidth, height: 1), into: &grid, style: style)
    }
}
