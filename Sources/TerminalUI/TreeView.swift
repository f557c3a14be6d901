/// A node of a tree (e.g. a workspace with its queues), with an optional count badge.
public struct TreeNode: Sendable, Hashable {
    public var id: String
    public var label: String
    public var count: Int?
    public var slot: ThemeSlot?
    public var children: [TreeNode]

    public init(id: String, label: String, count: Int? = nil, slot: ThemeSlot? = nil, children: [TreeNode] = []) {
        self.id = id
        self.label = label
        self.count = count
        self.slot = slot
        self.children = children
    }
}

/// One visible line of a tree after expanding.
public struct TreeLine: Sendable, Hashable {
    public var node: TreeNode
    public var depth: Int
    public var isExpanded: Bool
    public var hasChildren: Bool { !node.children.isEmpty }
}

/// Which nodes are open, and the cursor over the visible lines.
public struct TreeState: Sendable, Hashable {
    public var expanded: Set<String>
    public var scroll: ScrollState

    public init(expanded: Set<String> = [], scroll: ScrollState = ScrollState()) {
        self.expanded = expanded
        self.scroll = scroll
    }

    /// The lines shown for `roots`: each node, then its children when it is expanded.
    public func visibleLines(_ roots: [TreeNode]) -> [TreeLine] {
        var lines: [TreeLine] = []
        func walk(_ nodes: [TreeNode], depth: Int) {
            for node in nodes {
                let open = expanded.contains(node.id)
                lines.append(TreeLine(node: node, depth: depth, isExpanded: open))
                if open { walk(node.children, depth: depth + 1) }
            }
        }
        walk(roots, depth: 0)
        return lines
    }

    public func selectedLine(_ roots: [TreeNode]) -> TreeLine? {
        let lines = visibleLines(roots)
        return lines.indices.contains(scroll.selected) ? lines[scroll.selected] : nil
    }

    /// Opens the selected node; when it is already open (or a leaf), moves to its first child.
    public mutating func expandSelected(_ roots: [TreeNode]) {
        guard let line = selectedLine(roots), line.hasChildren else { return }
        if line.isExpanded {
            scroll.move(by: 1, rowCount: visibleLines(roots).count)
        } else {
            expanded.insert(line.node.id)
        }
    }

    /// Closes the selected node; when it is closed (or a leaf), moves to its parent.
    public mutating func collapseSelected(_ roots: [TreeNode]) {
        let lines = visibleLines(roots)
        guard lines.indices.contains(scroll.selected) else { return }
        let line = lines[scroll.selected]
        if line.isExpanded {
            expanded.remove(line.node.id)
            return
        }
        guard line.depth > 0 else { return }
        if let parent = lines[..<scroll.selected].lastIndex(where: { $0.depth == line.depth - 1 }) {
            scroll.selected = parent
        }
    }

    public mutating func toggleSelected(_ roots: [TreeNode]) {
        guard let line = selectedLine(roots), line.hasChildren else { return }
        if line.isExpanded { expanded.remove(line.node.id) } else { expanded.insert(line.node.id) }
    }
}

public struct TreeView: Sendable {
    public var focused: Bool
    public init(focused: Bool = true) { self.focused = focused }

    public func render(_ roots: [TreeNode], state: inout TreeState, in rect: Rect, into grid: inout Grid, theme: Theme) {
        guard !rect.isEmpty else { return }
        let lines = state.visibleLines(roots)
        let text = theme.style(.text)
        grid.fill(rect, style: text)
        state.scroll.clamp(rowCount: lines.count, visibleRows: rect.height)
        guard !lines.isEmpty else { return }
        for (row, index) in (state.scroll.offset..<min(lines.count, state.scroll.offset + rect.height)).enumerated() {
            let line = lines[index]
            let y = rect.y + row
            let selected = focused && index == state.scroll.selected
            let base = line.node.slot.map { text.overlaid(with: theme.style($0)) } ?? text
            let style = selected ? theme.style(.selection) : base
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            let marker = line.hasChildren ? (line.isExpanded ? "▾ " : "▸ ") : "  "
            let indent = String(repeating: "  ", count: line.depth)
            let badge = line.node.count.map { " \($0)" } ?? ""
            let badgeWidth = TextWidth.of(badge)
            let labelWidth = max(0, rect.width - badgeWidth)
            grid.put(TextWidth.truncate(indent + marker + line.node.label, to: labelWidth), x: rect.x, y: y, style: style, maxWidth: labelWidth)
            if !badge.isEmpty && rect.width > badgeWidth {
                grid.put(badge, x: rect.maxX - badgeWidth, y: y, style: selected ? style : theme.style(.muted))
            }
        }
    }
}
