import Foundation
import TerminalUI

extension ConsoleScope {
    /// A whole text shown for reading: a hook run's request and response, an object as JSON.
    public static let document: KeyScope = "document"
}

/// Keys of the document screen.
public enum DocumentAction {
    public static let nextMatch: ActionID = "document.next_match"
    public static let previousMatch: ActionID = "document.previous_match"
    public static let toggleWrap: ActionID = "document.wrap"

    public static let all: [Action] = [
        Action(nextMatch, "Next match", keys: [.char("n")], scope: ConsoleScope.document, showInHints: true),
        Action(previousMatch, "Previous match", keys: [.char("N")], scope: ConsoleScope.document),
        Action(toggleWrap, "Wrap long lines", keys: [.char("w")], scope: ConsoleScope.document, showInHints: true),
    ]
}

/// A text to read whole (k9s's yaml view): scrolls, searches with `/` (matches highlighted, `n`
/// and `N` move between them) and wraps long lines or cuts them with an ellipsis.
public struct DocumentScreen: ConsoleScreen {
    public var title: String
    public var crumb: String
    public var text: [String]
    public var wrap = false
    /// The first line shown, in display lines (after wrapping).
    public var scroll = 0
    public var search = ""
    /// The display line of the current match.
    public var match: Int?
    public var load = LoadState()

    public init(title: String, crumb: String, text: String) {
        self.title = title
        self.crumb = crumb
        self.text = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public var scopes: [KeyScope] { [ConsoleScope.document] }
    public var filterHint: String { "text to find; n and N go to the next and previous match" }
    public var copyableText: String? { text.joined(separator: "\n") }
    public var savable: SavableText? {
        let name = crumb.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return SavableText(suggestedName: String(name) + ".txt", text: text.joined(separator: "\n") + "\n")
    }
    public func breadcrumb(_ context: ScreenContext) -> [String] { [crumb] }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        switch action {
        case DocumentAction.nextMatch, DocumentAction.previousMatch: return !search.isEmpty
        case DocumentAction.toggleWrap, NavigationAction.filter: return true
        default: return ListNavigation.isMove(action)
        }
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] { [] }

    /// The lines as drawn at this width: wrapped, or one per line of the text.
    func displayLines(width: Int) -> [String] {
        guard wrap else { return text }
        return text.flatMap { Self.wrapped($0, width: width) }
    }

    /// Cut into pieces of the width, column by column like a pager: JSON and log lines are
    /// long tokens (a base64 body, a URL) that word wrapping would cut short instead.
    static func wrapped(_ line: String, width: Int) -> [String] {
        let width = max(10, width)
        var pieces: [String] = []
        var current = ""
        var used = 0
        for character in line {
            let w = CharacterWidth.of(character)
            if used + w > width {
                pieces.append(current)
                current = ""
                used = 0
            }
            current.append(character)
            used += w
        }
        pieces.append(current)
        return pieces
    }

    /// How many display lines each line of the text takes when wrapped.
    func wrappedCounts(width: Int) -> [Int] { text.map { Self.wrapped($0, width: width).count } }

    func textWidth(_ context: ScreenContext) -> Int { context.width - 2 }

    /// Display lines holding the search text (case-insensitive).
    func matches(_ lines: [String]) -> [Int] {
        guard !search.isEmpty else { return [] }
        return lines.indices.filter { lines[$0].range(of: search, options: .caseInsensitive) != nil }
    }

    public mutating func applyFilter(_ text: String, _ context: inout ScreenContext) throws(FilterError) -> [Effect] {
        search = text.trimmingCharacters(in: .whitespaces)
        match = nil
        if search.isEmpty { return [] }
        moveToMatch(forward: true, from: scroll - 1, &context)
        if match == nil { context.flash("\"\(search)\" is not in this text", .info) }
        return []
    }

    mutating func moveToMatch(forward: Bool, from start: Int, _ context: inout ScreenContext) {
        let lines = displayLines(width: textWidth(context))
        let found = matches(lines)
        guard !found.isEmpty else { return }
        let next = forward ? (found.first { $0 > start } ?? found[0]) : (found.last { $0 < start } ?? found[found.count - 1])
        match = next
        scroll = max(0, min(next - context.bodyRows / 3, lines.count - context.bodyRows))
        if !wrap, let range = lines[next].range(of: search, options: .caseInsensitive),
           TextWidth.of(String(lines[next][..<range.upperBound])) > textWidth(context) {
            context.flash("the match is past the right edge: w wraps long lines", .info)
        }
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        let lines = displayLines(width: textWidth(context))
        let last = max(0, lines.count - context.bodyRows)
        let page = max(1, context.bodyRows - 1)
        switch action {
        case NavigationAction.up: scroll = max(0, scroll - 1)
        case NavigationAction.down: scroll = min(last, scroll + 1)
        case NavigationAction.pageUp: scroll = max(0, scroll - page)
        case NavigationAction.pageDown: scroll = min(last, scroll + page)
        case NavigationAction.top: scroll = 0
        case NavigationAction.bottom: scroll = last
        // A new search starts empty (the last one is one `n` away), as in less and vim.
        case NavigationAction.filter: context.present(.filter(CommandPrompt.filter(text: ""), error: nil))
        case DocumentAction.nextMatch: moveToMatch(forward: true, from: match ?? scroll - 1, &context)
        case DocumentAction.previousMatch: moveToMatch(forward: false, from: match ?? scroll + context.bodyRows, &context)
        case DocumentAction.toggleWrap:
            // The line of the text at the top stays at the top.
            let counts = wrappedCounts(width: textWidth(context))
            var topLine = scroll
            if wrap {
                var seen = 0
                topLine = counts.firstIndex { count in
                    seen += count
                    return seen > scroll
                } ?? 0
            }
            wrap.toggle()
            match = nil
            let target = wrap ? counts.prefix(topLine).reduce(0, +) : topLine
            scroll = min(target, max(0, displayLines(width: textWidth(context)).count - context.bodyRows))
            context.flash(wrap ? "long lines wrap" : "long lines are cut (w wraps)", .info)
        default: break
        }
        return []
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let width = rect.width - 2
        let lines = displayLines(width: width)
        let found = matches(lines)
        let position = match.flatMap { found.firstIndex(of: $0) }.map { "match \($0 + 1)/\(found.count)" }
            ?? (search.isEmpty ? "" : "\(found.count) match\(found.count == 1 ? "" : "es")")
        let lineInfo = "\(min(lines.count, scroll + 1))-\(min(lines.count, scroll + rect.height - 1))/\(lines.count)"
        Draw.titleLine(title, right: [position, lineInfo].filter { !$0.isEmpty }.joined(separator: "  "), in: rect.row(0),
                       style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        let matching = Set(found)
        for (offset, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            let index = scroll + offset
            let shown = wrap ? line : TextWidth.truncate(line, to: width)
            let y = body.y + offset
            grid.put(shown, x: body.x + 1, y: y, style: theme.style(.text), maxWidth: width)
            guard matching.contains(index) else { continue }
            // The found text itself stands out (the current match as the selection), not the
            // whole line: a long JSON line shows where the word is.
            if index == match { grid.put("▸", x: body.x, y: y, style: theme.style(.accent), maxWidth: 1) }
            for range in Self.occurrences(of: search, in: shown) {
                let column = TextWidth.of(String(shown[..<range.lowerBound]))
                guard column < width else { break }
                grid.put(String(shown[range]), x: body.x + 1 + column, y: y, style: theme.style(index == match ? .selection : .accent),
                         maxWidth: width - column)
            }
        }
    }

    /// Where `needle` is in `line`, case-insensitive, without overlaps.
    static func occurrences(of needle: String, in line: String) -> [Range<String.Index>] {
        guard !needle.isEmpty else { return [] }
        var found: [Range<String.Index>] = []
        var rest = line.startIndex..<line.endIndex
        while let range = line.range(of: needle, options: .caseInsensitive, range: rest) {
            found.append(range)
            rest = range.upperBound..<line.endIndex
        }
        return found
    }
}
