import Foundation
import Logging
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// `:recent` and pinned queues: what is remembered, how it is listed, how it is kept.
@Suite struct PlacesTests {
    func detail(_ id: Int, status: String = "to_review") -> AnnotationDetail {
        var detail = AnnotationDetail(row: AnnotationRow(id: id, status: status, fileName: "invoice-\(id).pdf"),
                                      queueName: "Invoices EU", webURL: "https://acme.rossum.app/document/\(id)")
        detail.workspaceName = "Accounts Payable"
        return detail
    }

    mutating func openDetail(_ id: Int, _ state: inout AppState) {
        state.press(.char(":"))
        state.type("ann \(id)")
        state.press(.enter)
        state.answer(AnnotationDetailRequest(id: id), .success(detail(id)))
    }

    @Test mutating func openedAnnotationsAreListedMostRecentFirstAndEnterOpensOne() {
        var state = makeState()
        state.loadTree()
        for id in [5, 6, 5, 8] {
            openDetail(id, &state)
            state.now += 60
        }
        #expect(state.places.recent.map(\.id) == [8, 5, 6], "one entry per annotation, the latest first")
        // A poll of the detail on screen keeps when it was opened.
        let openedAt = state.places.recent[0].openedAt
        state.answer(AnnotationDetailRequest(id: 8), .success(detail(8, status: "confirmed")))
        #expect(state.places.recent[0].openedAt == openedAt && state.places.recent[0].status == "confirmed")
        // An answer for a detail no longer on top is not an opening.
        state.press(.char("W"))
        state.answer(AnnotationDetailRequest(id: 6), .success(detail(6)))
        #expect(state.places.recent.map(\.id) == [8, 5, 6])

        state.press(.char(":"))
        state.type("recent")
        state.press(.enter)
        #expect(state.top is RecentScreen)
        let screen = ConsoleRenderer.render(state).plainText()
        #expect(screen.contains("Recently opened (3, most recent first)"))
        #expect(screen.contains("invoice-5.pdf") && screen.contains("Invoices EU"))
        state.press(.down)
        let effects = state.press(.enter)
        #expect(state.detail?.annotationID == 5)
        #expect(AppState.requests(AnnotationDetailRequest.self, in: effects).map(\.id) == [5])
    }

    @Test func theListIsCapped() {
        var places = Places()
        for id in 1...60 { places.opened(RecentAnnotation(id: id, fileName: "f", queueName: nil, status: "to_review", openedAt: Date())) }
        #expect(places.recent.count == Places.recentLimit && places.recent.first?.id == 60 && places.recent.last?.id == 11)
    }

    @Test func starPinsAQueueToTheTopAndAgainUnpinsIt() {
        var state = makeState()
        state.loadTree()
        // Workspace 2's queue: down to "Delivery notes".
        state.press(.char("G"))
        state.press(.char("*"))
        #expect(state.places.pinnedQueues == [21])
        let lines = state.tree.lines(state.catalog, pinned: state.places.pinnedQueues)
        #expect(lines.first == .pinned(sampleWorkspaces[1].queues[0], workspace: sampleWorkspaces[1]))
        #expect(lines[state.tree.scroll.selected] == .queue(sampleWorkspaces[1].queues[0], workspace: sampleWorkspaces[1]),
                "the cursor stays on the line it was on")
        #expect(ConsoleRenderer.render(state).plainText().contains("★ Delivery notes  #21 · Logistics"))
        // enter on the pinned line opens its queue.
        state.press(.char("g"), .enter)
        #expect(state.list?.queue.id == 21)
        state.press(.escape)
        state.press(.char("*"))
        #expect(state.places.pinnedQueues.isEmpty)
        #expect(state.flash?.text == "Delivery notes unpinned")
        // On a workspace line `*` does nothing and is not offered.
        state.press(.char("g"))
        #expect(!FooterView.hints(state).map(\.0).contains("*"))
    }

    @Test func placesAreKeptPerServerInAPrivateFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = PlacesFile(path: directory + "/state/places.json")
        #expect(file.read(server: "https://a.example/api/v1") == Places())
        let entry = RecentAnnotation(id: 3, fileName: "a.pdf", queueName: "Q", status: "to_review", openedAt: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(file.write(Places(recent: [entry], pinnedQueues: [11]), server: "https://a.example/api/v1") == nil)
        #expect(file.write(Places(pinnedQueues: [4]), server: "https://b.example/api/v1") == nil)
        #expect(file.read(server: "https://a.example/api/v1") == Places(recent: [entry], pinnedQueues: [11]))
        #expect(file.read(server: "https://b.example/api/v1").pinnedQueues == [4])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try "not json".write(toFile: file.path, atomically: true, encoding: .utf8)
        #expect(file.read(server: "https://a.example/api/v1") == Places(), "a file that cannot be read means nothing remembered")
    }

    @Test func theSessionKeepsPlacesWhenTheyChange() throws {
        var saved: [Places] = []
        let client = try RossumClient(baseURL: "https://unused.invalid/api/v1", credentials: .token("unused-token"))
        let runner = EffectRunner(services: ConsoleServices(client: client, logger: Logger(label: "test"))) { _ in }
        var state = makeState()
        state.loadTree()
        let session = ConsoleSession(state: state, runner: runner, loadTheme: { _ in BuiltinThemes.default })
        session.savePlaces = { saved.append($0) }
        session.apply(.key(.down))
        #expect(saved.isEmpty)
        session.apply(.key(.char("*")))
        #expect(saved.map(\.pinnedQueues) == [[11]])
    }
}
