/// The `?` overlay: the bound actions of the current screen, generated from the keymap, in
/// sections (one per scope), with free notes after them (commands, filter syntax). Two
/// columns when the screen is wide and the list is long; `j`/`k` scroll what still does not fit.
public struct HelpOverlay: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public var title: String
        public var entries: [KeyHelpEntry]
        public init(title: String, entries: [KeyHelpEntry]) {
            self.title = title
            self.entries = entries
        }
    }

    public var sections: [Section]
    public var notes: [String]
    public var title: String
    /// First line shown, for scrolling long help.
    public var offset: Int

    public init(sections: [Section], notes: [String] = [], title: String = "Keys", offset: Int = 0) {
        self.sections = sections
        self.notes = notes
        self.title = title
        self.offset = offset
    }

    public init(entries: [KeyHelpEntry], title: String = "Keys", offset: Int = 0) {
        self.init(sections: [Section(title: "", entries: entries)], title: title, offset: offset)
    }

    public init(keyMap: KeyMap, scopes: [KeyScope], title: String = "Keys") {
        self.init(entries: keyMap.helpEntries(for: scopes), title: title)
    }

    enum Line: Hashable {
        case heading(String)
        case entry(key: String, description: String, dangerous: Bool)
        case note(String)
        case blank
    }

    func lines() -> [Line] {
        var result: [Line] = []
        for section in sections where !section.entries.isEmpty {
            if !result.isEmpty { result.append(.blank) }
            if !section.title.isEmpty { result.append(.heading(section.title)) }
            result += section.entries.map { .entry(key: $0.keyLabel, description: $0.description, dangerous: $0.dangerous) }
        }
        if !notes.isEmpty {
            result.append(.blank)
            result += notes.map { Line.note($0) }
        }
        return result
    }

    /// Handles scrolling and closing keys; true when the overlay should close.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .escape, .char("q"), .char("?"), .enter: return true
        case .char("j"), .down: offset += 1
        case .char("k"), .up: offset = max(0, offset - 1)
        case .pageDown, .char(" "): offset += 10
        case .pageUp: offset = max(0, offset - 10)
        default: break
        }
        return false
    }

    public func render(in area: Rect, into grid: inout Grid, theme: Theme) {
        let rows = lines()
        let keyWidth = min(14, rows.compactMap { if case .entry(let key, _, _) = $0 { return TextWidth.of(key) } else { return nil } }.max() ?? 0)
        let twoColumns = rows.count + 2 > area.height && area.width >= 76
        let perColumn = min(max(1, area.height - 2), twoColumns ? (rows.count + 1) / 2 : rows.count)
        let rect = twoColumns
            ? Rect(x: area.x, y: area.y + max(0, (area.height - perColumn - 2) / 2), width: area.width, height: min(area.height, perColumn + 2))
            : area.centered(width: min(area.width, 84), height: perColumn + 2)
        let inner = Box(title: title, focused: true).render(in: rect, into: &grid, theme: theme, fill: .dialog)
        guard !inner.isEmpty else { return }
        let columnWidth = twoColumns ? (inner.width - 3) / 2 : inner.width - 2
        let capacity = twoColumns ? 2 * inner.height : inner.height
        let start = max(0, min(offset, rows.count - capacity))
        let background = Style(background: theme.style(.dialog).background)
        for (i, line) in rows.dropFirst(start).prefix(capacity).enumerated() {
            let column = twoColumns && i >= inner.height ? 1 : 0
            let x = inner.x + 1 + column * (columnWidth + 1)
            let y = inner.y + (column == 1 ? i - inner.height : i)
            switch line {
            case .heading(let text):
                grid.put(text, x: x, y: y, style: theme.style(.header).overlaid(with: background), maxWidth: columnWidth)
            case .entry(let key, let description, let dangerous):
                grid.put(TextWidth.fit(key, to: keyWidth), x: x + 1, y: y, style: theme.style(.hintKey).overlaid(with: background), maxWidth: columnWidth - 1)
                let descriptionX = x + 1 + keyWidth + 2
                grid.put(description, x: descriptionX, y: y, style: (dangerous ? theme.style(.flashWarn) : theme.style(.dialog)).overlaid(with: background),
                         maxWidth: max(0, x + columnWidth - descriptionX))
            case .note(let text):
                grid.put(text, x: x, y: y, style: theme.style(.muted).overlaid(with: background), maxWidth: columnWidth)
            case .blank:
                break
            }
        }
    }
}

/// The one-line hint bar: `enter Open  esc Back  : Command  ? Help`.
public struct HintBar: Sendable {
    public var entries: [KeyHelpEntry]
    public init(entries: [KeyHelpEntry]) { self.entries = entries }

    public func render(in rect: Rect, into grid: inout Grid, theme: Theme) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        grid.fill(row, style: theme.style(.muted))
        var x = row.x
        for entry in entries {
            let key = entry.keys.first.map(\.description) ?? ""
            let needed = TextWidth.of(key) + 1 + TextWidth.of(entry.description)
            if x + needed > row.maxX { break }
            x += grid.put(key, x: x, y: row.y, style: theme.style(.hintKey))
            x += 1
            x += grid.put(entry.description, x: x, y: row.y, style: theme.style(.muted))
            x += 2
        }
    }
}
