import TerminalUI

extension ConsoleScope {
    /// While this console holds an annotation's review: `u` undoes, `tab` moves between fields
    /// (outside a review they keep their other meanings: requeue, the monitor's focus).
    public static let editor: KeyScope = "editor"
}

/// The detail's field editor. Writes are dangerous, so read-only mode takes their keys away.
public enum EditorAction {
    public static let edit: ActionID = "editor.edit"
    public static let clear: ActionID = "editor.clear"
    public static let nextAttention: ActionID = "editor.next_attention"
    public static let addRow: ActionID = "editor.add_row"
    public static let duplicateRow: ActionID = "editor.duplicate_row"
    public static let deleteRow: ActionID = "editor.delete_row"
    public static let undo: ActionID = "editor.undo"
    public static let nextField: ActionID = "editor.next_field"
    public static let previousField: ActionID = "editor.previous_field"

    /// The edits that write (they start the review when none is open).
    static let writes: Set<ActionID> = [edit, clear, addRow, duplicateRow, deleteRow, undo]

    public static let all: [Action] = [
        Action(edit, "Edit the field (starts the review)", keys: [.char("e"), .enter], dangerous: true, scope: ConsoleScope.detail, showInHints: true),
        Action(clear, "Clear the field", keys: [.char("x")], dangerous: true, scope: ConsoleScope.detail),
        Action(nextAttention, "Next field needing attention", keys: [.char("!")], scope: ConsoleScope.detail, showInHints: true),
        Action(addRow, "Add a line item", keys: [.char("a")], dangerous: true, scope: ConsoleScope.detail),
        Action(duplicateRow, "Duplicate the line item", keys: [.char("y")], dangerous: true, scope: ConsoleScope.detail),
        Action(deleteRow, "Delete the line item", keys: [.char("X")], dangerous: true, scope: ConsoleScope.detail),
        Action(undo, "Undo the last edit", keys: [.char("u")], dangerous: true, scope: ConsoleScope.editor, showInHints: true),
        Action(nextField, "Next field", keys: [.tab], scope: ConsoleScope.editor),
        Action(previousField, "Previous field", keys: [.backTab], scope: ConsoleScope.editor),
    ]
}
