import Foundation
import RossumKit
import TerminalUI

/// Whether this console holds the annotation's review (the lock the web app takes to edit).
public enum ReviewState: Sendable, Hashable {
    /// Not reviewing: the first edit starts the review.
    case idle
    /// `POST start` sent; edits wait for it.
    case starting
    case mine
    /// Someone else reviews it: editing is refused with their name.
    case heldBy(Reviewer)
}

/// Counts writes sent and answered. A read stamped while nothing was on its way, and answered
/// before anything else was sent or answered, shows the server as it is after every write.
public struct WriteClock: Sendable, Hashable {
    public private(set) var ticks = 0
    public private(set) var inFlight = 0

    public init() {}

    mutating func sent() {
        ticks += 1
        inFlight += 1
    }

    mutating func answered() {
        ticks += 1
        inFlight = max(0, inFlight - 1)
    }

    /// Something changed on the server outside the editor's own writes (a confirm, say).
    mutating func crossed() { ticks += 1 }

    /// The stamp for a read sent now: nil while a write is on its way (the read may see either side).
    public var stamp: Int? { inFlight == 0 ? ticks : nil }

    public func isCurrent(_ stamp: Int?) -> Bool { stamp != nil && stamp == ticks }
}

/// The value being typed inline and the datapoint it is for.
public struct InlineInput: Sendable, Hashable {
    public var id: Int
    public var text: TextInput
}

/// An edit made and not yet answered by the server, in the order made.
public struct PendingEdit: Sendable, Hashable {
    public var seq: Int
    public var edit: ContentEdit
    /// An undo takes nothing onto the undo stack.
    public var isUndo: Bool
    public var sent = false
    /// Where the cursor was when the edit was made: a refused new row gives it back.
    public var cursorBefore: Int?
}

/// The server's latest `content/validate` answer and whether a newer one is on its way.
public struct ValidationState: Sendable, Hashable {
    public var messages: [AnnotationMessage] = []
    /// What the annotation itself carries (extensions' messages), shown with the validation's.
    public var standing: [AnnotationMessage] = []
    public var asked = 0
    public var answered = 0
    public var error: String?

    public var isCurrent: Bool { asked == answered }
    public var blocking: [AnnotationMessage] { problems.filter(\.isError) }
    /// Errors and warnings, the validation's and the annotation's, each once (sums and infos
    /// are not problems).
    public var problems: [AnnotationMessage] {
        var seen = Set<String>()
        return (messages + standing).filter { message in
            (message.type == "error" || message.type == "warning") && seen.insert("\(message.datapointID ?? -1) \(message.content)").inserted
        }
    }
    public func messages(for id: Int) -> [AnnotationMessage] { problems.filter { $0.datapointID == id } }
}

/// The document's text as lines (`page_data`), or why there is none.
public enum PageDataState: Sendable, Hashable {
    case notAsked, loading
    /// The server has no page data for it (404: the endpoint or the data is missing).
    case missing
    case failed(String)
    case pages([PageText])
}

/// The field editor of the detail screen: the content as the server last answered it, the
/// edits on their way (shown at once, reconciled with each answer), undo, the cursor, the
/// inline text field, the review lock and the validation messages.
public struct FieldEditor: Sendable, Hashable {
    public var server: [ContentNode] = []
    public var schema: [String: FieldSchema] = [:]
    public var outbox: [PendingEdit] = []
    public var undo: [ContentEdit] = []
    public var nextSeq = 1
    /// The focused datapoint, by id: rows come and go, the person's place does not.
    public var cursor: Int?
    /// The value being typed and the datapoint it is for.
    public var input: InlineInput?
    public var review: ReviewState = .idle
    public var validation = ValidationState()
    public var pageData: PageDataState = .notAsked
    /// Text a refused save left, by datapoint: the next edit of that field starts from it.
    public var kept: [Int: String] = [:]
    /// The editor's writes (start, edits) sent and answered: a detail answer that crossed one
    /// is not trusted for the review or the content.
    public var writes = WriteClock()
    public var loaded = false

    public init() {}

    /// Statuses a review can be started from (`POST start`), so the content can be edited.
    public static let editableStatuses: Set<String> = ["to_review", "reviewing", "postponed", "confirmed"]

    /// The content as the person sees it: the server's, with the unanswered edits made.
    public var shown: [ContentNode] {
        outbox.reduce(server) { content, pending in
            pending.edit.applied(to: content, placeholder: -1000 * pending.seq, columns: [])
        }
    }

    public var rows: [EditorRow] { EditorRows.build(shown, schema: schema) }

    /// Every cell in reading order (tab order).
    public var order: [EditorCell] { rows.flatMap(\.cells) }

    public var focused: EditorCell? {
        let cells = order
        return cells.first { $0.id == cursor } ?? cells.first
    }

    // MARK: loading

    /// A fresh load of the annotation: the content (unless edits are on their way, whose
    /// answers bring it) and who reviews it.
    mutating func load(_ editable: EditableContent, status: String) {
        schema = editable.schema
        validation.standing = editable.messages
        if outbox.isEmpty { server = editable.content }
        loaded = true
        if status == "reviewing", let reviewer = editable.reviewer {
            if reviewer.isMe {
                if review != .starting { review = .mine }
            } else {
                review = .heldBy(reviewer)
            }
        } else if review != .starting {
            review = .idle
        }
        if cursor == nil || !order.contains(where: { $0.id == cursor }) { cursor = neighbour() }
    }

    /// Where the cursor goes when its datapoint is gone: the first cell (the caller passes
    /// a better neighbour when it knows one).
    func neighbour() -> Int? { order.first?.id }

    // MARK: moving

    /// `j`/`k`: to the next row with cells, keeping the column in a table.
    mutating func moveRow(_ delta: Int) {
        let rows = rows.filter { !$0.cells.isEmpty }
        guard !rows.isEmpty else { return }
        let current = rows.firstIndex { $0.cells.contains { $0.id == cursor } } ?? 0
        let column = rows[current].cells.firstIndex { $0.id == cursor } ?? 0
        let target = rows[min(max(0, current + delta), rows.count - 1)].cells
        cursor = target[min(column, target.count - 1)].id
    }

    /// `h`/`l`: along the cells of a table row.
    mutating func moveCell(_ delta: Int) {
        guard let row = rows.first(where: { $0.cells.contains { $0.id == cursor } }), case .tableRow = row,
              let index = row.cells.firstIndex(where: { $0.id == cursor }) else { return }
        cursor = row.cells[min(max(0, index + delta), row.cells.count - 1)].id
    }

    /// `tab`/`shift-tab`: to the next cell in reading order, wrapping.
    mutating func moveField(_ delta: Int) {
        let cells = order
        guard !cells.isEmpty else { return }
        let index = cells.firstIndex { $0.id == cursor } ?? 0
        cursor = cells[(index + delta + cells.count) % cells.count].id
    }

    mutating func moveToEdge(last: Bool) {
        cursor = last ? order.last?.id : order.first?.id
    }

    /// How much a field needs the person, most urgent first: what blocks the confirm (an error,
    /// a required field left empty), then a warning, then an extraction the schema does not trust.
    public enum Attention: Int, Comparable, Sendable {
        case blocking, warning, lowConfidence
        public static func < (lhs: Attention, rhs: Attention) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The one rule `!` and the markers follow; nil when the field needs nothing.
    public func attention(_ cell: EditorCell) -> Attention? {
        let messages = validation.messages(for: cell.id)
        if messages.contains(where: \.isError) || (cell.value.isEmpty && cell.schema?.required == true) { return .blocking }
        if !messages.isEmpty { return .warning }
        return cell.isLowConfidence ? .lowConfidence : nil
    }

    public func needsAttention(_ cell: EditorCell) -> Bool { attention(cell) != nil }

    /// `!`: the fields needing attention in order of urgency (errors, then warnings, then
    /// doubts), in reading order within each; each press goes to the next, wrapping, so every
    /// one is reached and what blocks the confirm comes first.
    mutating func moveToAttention() -> Bool {
        let cells = order
        let tour = cells.indices.compactMap { index in attention(cells[index]).map { (urgency: $0, index: index) } }
            .sorted { ($0.urgency, $0.index) < ($1.urgency, $1.index) }
        guard !tour.isEmpty else { return false }
        let here = tour.firstIndex { cells[$0.index].id == cursor }
        let next = here.map { tour[($0 + 1) % tour.count] } ?? tour[0]
        cursor = cells[next.index].id
        return true
    }

    // MARK: editing

    /// Queues an edit: it shows at once; it is sent when the review is ours and nothing
    /// before it is unanswered.
    mutating func enqueue(_ edit: ContentEdit, isUndo: Bool = false) -> Int {
        let seq = nextSeq
        nextSeq += 1
        outbox.append(PendingEdit(seq: seq, edit: edit, isUndo: isUndo, cursorBefore: cursor))
        if case .addRow = edit {
            // The cursor follows the new row (its placeholder cells until the server answers).
            let placeholder = -1000 * seq
            if let cell = order.first(where: { $0.id == placeholder - 1 }) { cursor = cell.id }
        }
        return seq
    }

    /// The next edit to send, marked as sent (one at a time: each answer is the whole content).
    mutating func nextToSend() -> PendingEdit? {
        guard review == .mine, let first = outbox.first, !first.sent else { return nil }
        outbox[0].sent = true
        return outbox[0]
    }

    /// The server applied the oldest edit and answered the content as it now stands.
    mutating func applied(seq: Int, content: [ContentNode]) {
        guard let index = outbox.firstIndex(where: { $0.seq == seq }) else { return }
        let pending = outbox.remove(at: index)
        let before = server
        server = content
        if !pending.isUndo, let inverse = pending.edit.inverse(before: before, after: content) { undo.append(inverse) }
        // A cursor on a placeholder of this row moves to the real cell in the same column.
        if let cursor, cursor < 0, case .addRow(let multivalueID, _) = pending.edit,
           let added = ContentEdit.rows(of: multivalueID, in: content).last {
            let column = max(0, -1 - (cursor - (-1000 * seq)))
            self.cursor = added.children.indices.contains(column) ? added.children[column].id : added.children.first?.id
        }
        if !order.contains(where: { $0.id == cursor }) { cursor = neighbour() }
    }

    /// The server refused the oldest edit: the old value shows again and what was typed is kept
    /// for the next `e` on that field. The keyboard stays where the person is: reopening the
    /// field by itself would take the keys they are typing elsewhere.
    mutating func refused(seq: Int) -> PendingEdit? {
        guard let index = outbox.firstIndex(where: { $0.seq == seq }) else { return nil }
        let pending = outbox.remove(at: index)
        if case .replace(let id, _, let new) = pending.edit, !pending.isUndo { kept[id] = new }
        if !order.contains(where: { $0.id == cursor }) {
            cursor = pending.cursorBefore.flatMap { before in order.contains { $0.id == before } ? before : nil } ?? neighbour()
        }
        return pending
    }

    /// Edits not answered yet are all unsent again (the review they waited for was refused).
    mutating func dropUnsent() -> Int {
        let unsent = outbox.filter { !$0.sent }
        for pending in unsent { _ = refused(seq: pending.seq) }
        return unsent.count
    }

    func label(of id: Int) -> String {
        if let cell = order.first(where: { $0.id == id }) { return cell.label }
        for row in rows { if case .tableTitle(let label, id, _, _) = row { return label } }
        return "#\(id)"
    }

    /// A validation message as a person reads it: its field's label first.
    func describe(_ message: AnnotationMessage) -> String {
        (message.datapointID.map { label(of: $0) + ": " } ?? "") + message.content
    }

    /// The table row around the cursor.
    var focusedRow: (tupleID: Int, multivalueID: Int, cells: [EditorCell])? {
        for row in rows {
            if case .tableRow(let tupleID, let multivalueID, let cells, _) = row, cells.contains(where: { $0.id == cursor }) {
                return (tupleID, multivalueID, cells)
            }
        }
        return nil
    }

    /// The table the cursor is in (or on the only table when on a header field: `a` adds there).
    var focusedTable: Int? {
        if let row = focusedRow { return row.multivalueID }
        let tables = rows.compactMap { row -> Int? in if case .tableTitle(_, let id, _, _) = row { return id } else { return nil } }
        return tables.count == 1 ? tables[0] : nil
    }
}
