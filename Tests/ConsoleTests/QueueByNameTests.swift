import Foundation
import Testing
import TerminalUI
@testable import Console

/// `:queue NAME` next to `:queue ID`, and tab completion of the catalog's names.
@Suite struct QueueByNameTests {
    func run(_ line: String, _ state: inout AppState) -> [Effect] {
        state.press(.char(":"))
        state.type(line)
        return state.press(.enter)
    }

    @Test func anExactNameOrAUniquePrefixOpensTheQueue() {
        var state = makeState()
        state.loadTree()
        let effects = run("queue invoices us", &state)
        #expect(state.list?.queue.id == 12 && state.list?.workspaceName == "Accounts Payable")
        #expect(AppState.pageRequests(effects).map(\.query) == [AnnotationQuery(queueID: 12)])
        state.press(.escape)
        _ = run("q deliv", &state)
        #expect(state.list?.queue.id == 21)
        state.press(.escape)
        _ = run("queue LOGISTICS/", &state)
        #expect(state.list?.queue.id == 21, "a workspace's name narrows to its queues")
        state.press(.escape)
        _ = run("queue #11", &state)
        #expect(state.list?.queue.id == 11, "ids still work")
    }

    @Test func anExactNameWinsOverALongerOne() throws {
        var catalog = Catalog()
        catalog.workspaces = [WorkspaceSummary(id: 1, name: "Ops", queues: [
            QueueSummary(id: 1, name: "Invoices"), QueueSummary(id: 2, name: "Invoices archive"),
        ]), WorkspaceSummary(id: 2, name: "Other", queues: [QueueSummary(id: 3, name: "Invoices")])]
        #expect(try catalog.queue(named: "invoices ARCH").id == 2)
        #expect(try catalog.queue(named: "other/invoices").id == 3)
        #expect(throws: QueueLookupError.ambiguous("Invoices", candidates: ["Ops/Invoices #1", "Other/Invoices #3"])) {
            try catalog.queue(named: "Invoices")
        }
    }

    @Test func ambiguousAndUnknownNamesSayWhy() {
        var state = makeState()
        state.loadTree()
        #expect(run("queue inv", &state).isEmpty)
        #expect(state.top is TreeScreen)
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text == #":queue "inv" matches 2 queues: Accounts Payable/Invoices EU #11, Accounts Payable/Invoices US #12; type more of the name"#)
        #expect(run("queue nowhere", &state).isEmpty)
        #expect(state.flash?.text == #":queue no queue named "nowhere" (queues: Invoices EU, Invoices US, Delivery notes)"#)

        var empty = makeState()
        #expect(run("queue invoices", &empty).isEmpty)
        #expect(empty.flash?.text.contains("no queues loaded yet") == true)
    }

    @Test func tabCompletesQueueAndWorkspaceNames() {
        var state = makeState()
        state.loadTree()
        state.press(.char(":"))
        state.type("queue inv")
        state.press(.tab)
        guard case .commandLine(var prompt) = state.overlay else { Issue.record("command line open"); return }
        #expect(prompt.text == "queue Invoices ")
        #expect(FooterView.completionHint(prompt) == "Invoices EU  Invoices US")
        state.press(.tab)
        guard case .commandLine(let cycled) = state.overlay else { return }
        #expect(cycled.text == "queue Invoices EU")
        state.press(.ctrl("u"))
        state.type("q acc")
        state.press(.tab)
        guard case .commandLine(let qualified) = state.overlay else { return }
        prompt = qualified
        #expect(prompt.text == "q Accounts Payable/Invoices ", "a workspace's name completes towards its queues")
        state.type("u")
        state.press(.tab)
        guard case .commandLine(let done) = state.overlay else { return }
        #expect(done.text == "q Accounts Payable/Invoices US")
        state.press(.enter)
        #expect(state.list?.queue.id == 12)
    }
}
