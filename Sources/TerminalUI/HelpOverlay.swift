/// The `?` overlay: every bound action of the current screen, generated from the keymap.
public struct HelpOverlay: Sendable {
    public var entries: [KeyHelpEntry]
    public var title: String
    /// First line shown, for scrolling long help.
    public var offset: Int

    public init(entries: [KeyHelpEntry], title: String = "Keys", offset: Int = 0) {
        self.entries = entries
        self.title = title
        self.offset = offset
    }

    public init(keyMap: KeyMap, scopes: [KeyScope], title: String = "Keys") {
        self.init(entries: keyMap.helpEntries(for: scopes), title: title)
    }

    /// Lines of `key  description`, with the key column as wide as the widest key label.
    public func lines() -> [(key: String, description: String, dangerous: Bool)] {
        entries.map { ($0.keyLabel, $0.description, $0.dangerous) }
    }

    public func render(in area: Rect, into grid: inout Grid, theme: Theme) {
        let rows = lines()
        let keyWidth = min(18, rows.map { TextWidth.of($0.key) }.max() ?? 0)
        let descriptionWidth = rows.map { TextWidth.of($0.description) }.max() ?? 0
        let rect = area.centered(width: keyWidth + descriptionWidth + 7, height: rows.count + 2)
        let inner = Box(title: title, focused: true).render(in: rect, into: &grid, theme: theme, fill: .dialog)
        guard !inner.isEmpty else { return }
        let start = max(0, min(offset, rows.count - inner.height))
        for (line, row) in rows.dropFirst(start).prefix(inner.height).enumerated() {
            let y = inner.y + line
            grid.put(TextWidth.fit(row.key, to: keyWidth), x: inner.x + 1, y: y, style: theme.style(.hintKey), maxWidth: inner.width - 1)
            let descriptionStyle = row.dangerous ? theme.style(.flashWarn) : theme.style(.dialog)
            let x = inner.x + 1 + keyWidth + 2
            grid.put(row.description, x: x, y: y, style: descriptionStyle, maxWidth: max(0, inner.maxX - x))
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
