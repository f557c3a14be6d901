import Foundation
import Testing
import TerminalUI
@testable import Console
@testable import RossumSandbox

/// Random sequences of keys, arrivals, departures, reloads, sorts, tab changes and server
/// answers in any order. Invariant: every command is sent for exactly the annotations the
/// person saw chosen (the highlighted row of the last frame) or marked in the current view at
/// the moment of the keypress, and only after they accepted a dialog that named them.
@Suite struct SelectionPropertyTests {
    /// The server's view of the queue: rows newest first, as the list's default order.
    struct Server {
        var rows: [AnnotationRow]
        var nextID = 10_000

        func page(_ request: AnnotationPageRequest) -> AnnotationPage {
            var matching = rows.filter { request.query.tab == nil || $0.status == request.query.tab }
            if request.query.ascending { matching.reverse() }
            let start = request.page * PagedRows.pageSize
            let slice = start < matching.count ? Array(matching[start..<min(matching.count, start + PagedRows.pageSize)]) : []
            return AnnotationPage(rows: slice, total: matching.count)
        }
    }

    static let statuses = ["to_review", "reviewing", "postponed", "exported", "failed_export"]

    /// The id on the highlighted row of a frame, read from the screen as a person would.
    static func highlightedID(_ state: AppState) -> Int? {
        let grid = ConsoleRenderer.render(state)
        let selection = state.theme.style(.selection)
        for y in 0..<grid.height where grid[2, y].style == selection {
            let text = String(grid.row(y).map(\.character)).trimmingCharacters(in: .whitespaces)
            return Int(text.split(separator: " ").first ?? "")
        }
        return nil
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func commandsActOnlyOnWhatWasSeen(seed: UInt64) throws {
        // The sandbox's deterministic generator, so a failure replays from its seed.
        var random = SplitMix64(seed: seed)
        var server = Server(rows: (1...260).map { id in
            AnnotationRow(id: id, status: Self.statuses.randomElement(using: &random)!, fileName: "f\(id).pdf")
        }.reversed())
        var state = makeState(width: [80, 120].randomElement(using: &random)!, height: [24, 35].randomElement(using: &random)!)
        state.loadTree()
        var outstanding = Array(state.press(.down, .enter))
        var commandsSent = 0
        var dialogsChecked = 0

        for _ in 0..<600 {
            // Answer some outstanding requests, in any order.
            while !outstanding.isEmpty && Bool.random(using: &random) {
                let effect = outstanding.remove(at: Int.random(in: 0..<outstanding.count, using: &random))
                guard case .fetch(let request) = effect else { continue }
                var produced: [Effect] = []
                if let page = request.base as? AnnotationPageRequest {
                    produced = state.answer(page, .success(server.page(page)))
                } else if let command = request.base as? AnnotationCommandRequest {
                    produced = state.answer(command, Bool.random(using: &random) ? .success("exported")
                                            : .failure(ConsoleFailure(kind: .conflict, status: 409, message: "changed")))
                } else if let columns = request.base as? FieldColumnsRequest {
                    produced = state.answer(columns, .success([]))
                }
                #expect(AppState.commandRequests(produced).isEmpty, "no answer sends a command by itself")
                outstanding += produced
            }
            // The server changes under the console.
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                server.rows.insert(AnnotationRow(id: server.nextID, status: "to_review", fileName: "new.pdf"), at: 0)
                server.nextID += 1
            case 1:
                if !server.rows.isEmpty { server.rows.remove(at: Int.random(in: 0..<server.rows.count, using: &random)) }
            case 2:
                if !server.rows.isEmpty {
                    server.rows[Int.random(in: 0..<server.rows.count, using: &random)].status = Self.statuses.randomElement(using: &random)!
                }
            default: break
            }
            // The person does something.
            let keys: [Key] = [.down, .down, .up, .pageDown, .pageUp, .char("G"), .char("g"), .space, .space, .char("v"), .char("x"),
                               .char("]"), .char("["), .char("i"), .char("c"), .char("p"), .char("d"), .char("r"), .char("u"),
                               .char("s"), .char("c"), .char("p")]
            let key = keys.randomElement(using: &random)!
            if key == .char("G") || key == .char("]") || key == .char("i") { state.send(.tick(state.now.addingTimeInterval(6))) }
            let seenID = Self.highlightedID(state)
            let list = try #require(state.list)
            let seenMarks = Set(list.rows.loaded(in: list.marked).map(\.id))
            let statusOf = Dictionary(list.rows.pages.values.flatMap { $0 }.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
            let pendingBefore = state.pending
            let effects = state.press(key)
            #expect(AppState.commandRequests(effects).isEmpty, "a key alone never sends a command")
            outstanding += effects
            guard let (dialog, purpose) = state.dialog, case .annotationCommand(let command, let ids) = purpose else { continue }
            dialogsChecked += 1
            let seen = list.marked.isEmpty ? Set([seenID].compactMap { $0 }) : seenMarks
            // A row with a command still running is left out (it shows `…ing`).
            let applicable = seen.filter { pendingBefore[$0] == nil && (statusOf[$0].map(command.applies) ?? false) }
            #expect(Set(ids) == applicable, "seed \(seed): the dialog names what was seen (\(ids) vs \(applicable))")
            // Accept or cancel, the way a person would.
            var accepted: [Effect] = []
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                accepted = state.press(.escape)
            default:
                if let typed = dialog.requiredTyping {
                    state.press(.ctrl("u"))
                    accepted = state.type(typed) + state.press(.enter)
                } else {
                    if case .field = dialog.focus { accepted += state.press(.enter) }
                    if state.dialog?.0.focus == .cancel { accepted += state.press(.right) }
                    accepted += state.press(.enter)
                }
            }
            let sent = AppState.commandRequests(accepted)
            if !sent.isEmpty {
                #expect(sent.map(\.id) == ids, "seed \(seed): what runs is what the dialog named")
                commandsSent += sent.count
            }
            state.overlay = nil
            outstanding += accepted
        }
        #expect(dialogsChecked > 10, "the sequence exercised the dialogs (\(dialogsChecked))")
        #expect(commandsSent > 0)
    }
}
