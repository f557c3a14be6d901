/// A single-column scrolling list with selection.
public struct ListItem: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var slot: ThemeSlot?
    public init(_ text: String, slot: ThemeSlot? = nil) {
        self.text = text
        self.slot = slot
    }
    public init(stringLiteral value: String) { self.init(value) }
}

public struct ListView: Sendable {
    public var focused: Bool
    public init(focused: Bool = true) { self.focused = focused }

    public func render(_ items: [ListItem], state: inout ScrollState, in rect: Rect, into grid: inout Grid, theme: Theme) {
        guard !rect.isEmpty else { return }
        let text = theme.style(.text)
        grid.fill(rect, style: text)
        state.clamp(rowCount: items.count, visibleRows: rect.height)
        guard !items.isEmpty else { return }
        for (line, index) in (state.offset..<min(items.count, state.offset + rect.height)).enumerated() {
            let item = items[index]
            let y = rect.y + line
            var style = item.slot.map { text.overlaid(with: theme.style($0)) } ?? text
            if state.marked.contains(index) { style = style.overlaid(with: theme.style(.marked)) }
            if focused && index == state.selected { style = theme.style(.selection) }
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            grid.put(TextWidth.truncate(item.text, to: rect.width), x: rect.x, y: y, style: style, maxWidth: rect.width)
        }
    }
}
