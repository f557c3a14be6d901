/// Line-drawing characters. Widgets always draw with the Unicode set; a backend on a
/// non-UTF-8 terminal maps them to ASCII (see `AsciiFallback`).
public enum BoxGlyph {
    public static let horizontal: Character = "─"
    public static let vertical: Character = "│"
    public static let topLeft: Character = "┌"
    public static let topRight: Character = "┐"
    public static let bottomLeft: Character = "└"
    public static let bottomRight: Character = "┘"
}

/// A bordered frame with an optional title in the top edge.
public struct Box: Sendable {
    public var title: String?
    public var focused: Bool

    public init(title: String? = nil, focused: Bool = false) {
        self.title = title
        self.focused = focused
    }

    /// Draws the border (and fills the inside with `fill`) and returns the inner area.
    @discardableResult
    public func render(in rect: Rect, into grid: inout Grid, theme: Theme, fill: ThemeSlot = .text) -> Rect {
        guard rect.width >= 2 && rect.height >= 2 else {
            grid.fill(rect, style: theme.style(fill))
            return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        }
        let border = theme.style(focused ? .borderFocused : .border)
        grid.fill(rect, style: theme.style(fill))
        let horizontal = String(repeating: BoxGlyph.horizontal, count: rect.width - 2)
        grid.put(String(BoxGlyph.topLeft) + horizontal + String(BoxGlyph.topRight), x: rect.x, y: rect.y, style: border)
        grid.put(String(BoxGlyph.bottomLeft) + horizontal + String(BoxGlyph.bottomRight), x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.put(String(BoxGlyph.vertical), x: rect.x, y: y, style: border)
            grid.put(String(BoxGlyph.vertical), x: rect.maxX - 1, y: y, style: border)
        }
        if let title, !title.isEmpty, rect.width > 4 {
            let text = " " + TextWidth.truncate(title, to: rect.width - 4) + " "
            grid.put(text, x: rect.x + 1, y: rect.y, style: theme.style(.title), maxWidth: rect.width - 2)
        }
        return rect.inset(by: 1)
    }
}
