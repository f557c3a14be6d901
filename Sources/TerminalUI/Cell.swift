/// One screen column. A wide character occupies its cell and the next one, which is marked
/// as its continuation so that both the backend and the diff know not to draw it separately.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: Style
    /// The right half of a wide character in the column to the left.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
