/// What the mouse did, at a cell of the screen (0-based, the top-left cell is 0, 0).
public enum MouseButtonEvent: Sendable, Hashable {
    /// The left button went down.
    case press
    /// The left button came up.
    case release
    case wheelUp
    case wheelDown
}

public struct MouseEvent: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var kind: MouseButtonEvent
    public init(x: Int, y: Int, kind: MouseButtonEvent) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}
