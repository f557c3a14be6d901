/// Where the user is: `Workspaces › Acme › Inbox`. When too long, the oldest parts give way
/// to an ellipsis so the current place always shows.
public struct Breadcrumbs: Sendable {
    public var parts: [String]
    public static let separator = " › "

    public init(_ parts: [String]) { self.parts = parts }

    public func text(fitting width: Int) -> String {
        guard width > 0, !parts.isEmpty else { return "" }
        let full = parts.joined(separator: Self.separator)
        if TextWidth.of(full) <= width { return full }
        for start in 1..<parts.count {
            let candidate = "…" + Self.separator + parts[start...].joined(separator: Self.separator)
            if TextWidth.of(candidate) <= width { return candidate }
        }
        return TextWidth.truncate(parts.last!, to: width)
    }

    public func render(in rect: Rect, into grid: inout Grid, theme: Theme) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        grid.fill(row, style: theme.style(.text))
        let text = text(fitting: row.width)
        // The current place in accent, the path leading to it muted.
        if let last = parts.last, text.hasSuffix(last), text.count > last.count {
            let prefix = String(text.dropLast(last.count))
            let used = grid.put(prefix, x: row.x, y: row.y, style: theme.style(.muted), maxWidth: row.width)
            grid.put(last, x: row.x + used, y: row.y, style: theme.style(.accent), maxWidth: row.width - used)
        } else {
            grid.put(text, x: row.x, y: row.y, style: theme.style(.accent), maxWidth: row.width)
        }
    }
}
