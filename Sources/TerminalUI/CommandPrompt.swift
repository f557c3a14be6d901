/// The `:` command line with tab completion and history, and the `/` filter line. Both are a
/// prefix and a text field; the command line also knows the commands it can complete, the
/// arguments each command takes, and the lines entered before.
public struct CommandPrompt: Sendable, Hashable {
    public var prefix: Character
    public var input: TextInput
    public var completions: [String]
    /// Values a command's argument can take, by command word (every alias its own key):
    /// `queue` -> the queue names, so `:queue inv<tab>` completes like a command word does.
    public var argumentCompletions: [String: [String]]
    /// Earlier lines, walked with up and down.
    public var history: PromptHistory
    /// Candidates for the current text, shown after tab.
    public private(set) var candidates: [String]
    private var cycleIndex: Int?

    public init(prefix: Character = ":", completions: [String] = [], argumentCompletions: [String: [String]] = [:],
                history: PromptHistory = PromptHistory(), text: String = "") {
        self.prefix = prefix
        input = TextInput(text)
        self.completions = completions
        self.argumentCompletions = argumentCompletions
        self.history = history
        candidates = []
    }

    /// A `/` filter line: same editing, no completion.
    public static func filter(text: String = "") -> CommandPrompt { CommandPrompt(prefix: "/", text: text) }

    public var text: String { input.text }

    /// Whole lines completing the typed text (case-insensitive), in their given order: command
    /// words while the first word is typed, then that command's argument values.
    public func matches(for text: String) -> [String] {
        guard let space = text.firstIndex(of: " ") else {
            let typed = text.lowercased()
            return completions.filter { $0.lowercased().hasPrefix(typed) }
        }
        let word = text[..<space].lowercased()
        let typed = text[space...].drop { $0 == " " }.lowercased()
        let values = argumentCompletions[word] ?? []
        return values.filter { $0.lowercased().hasPrefix(typed) }.map { "\(text[..<space]) \($0)" }
    }

    /// Tab: completes to the longest common prefix of the matches; when there is nothing to
    /// add, cycles through the matches. Up and down walk the history. Enter submits, esc
    /// cancels; the rest edits.
    public mutating func handle(_ key: Key) -> DialogOutcome? {
        switch key {
        case .escape:
            return .cancelled
        case .enter:
            return .submitted(input.text)
        case .tab, .backTab:
            complete(backwards: key == .backTab)
            history.detach()
            return nil
        case .up, .down:
            if let line = key == .up ? history.older(than: input.text) : history.newer() {
                input.setText(line)
                candidates = []
                cycleIndex = nil
            }
            return nil
        default:
            if input.handle(key) {
                candidates = []
                cycleIndex = nil
                history.detach()
            }
            return nil
        }
    }

    /// The candidates as the person tells them apart: an argument's values without the
    /// command word they all share.
    public var candidateLabels: [String] {
        candidates.map { candidate in
            guard let space = candidate.firstIndex(of: " ") else { return candidate }
            return String(candidate[candidate.index(after: space)...])
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
            // A command word is followed by its argument; an argument is the end of the line.
            input.setText(found[0].contains(" ") ? found[0] : found[0] + " ")
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
            let list = "  " + candidateLabels.joined(separator: " ")
            let listWidth = min(TextWidth.of(list), max(0, row.width / 2))
            fieldWidth -= listWidth
            grid.put(TextWidth.truncate(list, to: listWidth), x: row.maxX - listWidth, y: row.y, style: theme.style(.muted))
        }
        input.render(in: Rect(x: row.x + 1, y: row.y, width: fieldWidth, height: 1), into: &grid, style: style)
    }
}
