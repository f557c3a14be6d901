import Foundation
import Logging
import RossumKit
import RossumSandbox
import TerminalUI
@testable import Console

/// A console state at a fixed time and size, with no theme colours, for reducer and render tests.
func makeState(readOnly: Bool = false, width: Int = 120, height: Int = 35) -> AppState {
    let formatting = Formatting(timeZone: TimeZone(identifier: "UTC")!)
    return AppState(keyMap: try! ConsoleAction.keyMap(readOnly: readOnly), theme: BuiltinThemes.default,
                    profileName: "default", serverLabel: "sandbox", webAppBase: "https://acme.rossum.app",
                    formatting: formatting, now: Date(timeIntervalSince1970: 1_800_000_000), width: width, height: height)
}

let sampleWorkspaces: [WorkspaceSummary] = [
    WorkspaceSummary(id: 1, name: "Accounts Payable", queues: [
        QueueSummary(id: 11, name: "Invoices EU", workspaceID: 1, schemaID: 5, counts: ["to_review": 12, "postponed": 2, "exported": 140]),
        QueueSummary(id: 12, name: "Invoices US", workspaceID: 1, schemaID: 5, counts: ["to_review": 3, "failed_export": 1]),
    ]),
    WorkspaceSummary(id: 2, name: "Logistics", queues: [
        QueueSummary(id: 21, name: "Delivery notes", workspaceID: 2, counts: ["reviewing": 1]),
    ]),
]

func sampleRows(_ ids: ClosedRange<Int>, status: (Int) -> String = { $0 % 3 == 0 ? "postponed" : "to_review" }) -> [AnnotationRow] {
    sampleRows(Array(ids), status: status)
}

func sampleRows(_ ids: [Int], status: (Int) -> String = { $0 % 3 == 0 ? "postponed" : "to_review" }) -> [AnnotationRow] {
    ids.map { id in
        AnnotationRow(id: id, status: status(id), fileName: "invoice-\(id).pdf",
                      arrivedAt: Date(timeIntervalSince1970: 1_799_990_000 + Double(id) * 60), modifiedAt: nil,
                      modifier: id % 2 == 0 ? "alice" : nil, queueID: 11,
                      fields: ["sender_name": "Supplier \(id % 7)", "invoice_id": "INV-\(id)", "amount_total": "\(id * 10).5"])
    }
}

extension AppState {
    /// Sends an event and returns the effects.
    @discardableResult
    mutating func send(_ event: Event) -> [Effect] { apply(event) }

    /// The server answers `request`.
    @discardableResult
    mutating func answer<R: DataRequest>(_ request: R, _ result: Result<R.Answer, ConsoleFailure>) -> [Effect] {
        apply(.answer(DataAnswer(request, result)))
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += apply(.key(key)) }
        return effects
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += apply(.key(.char(character))) }
        return effects
    }

    var tree: TreeScreen { stack[0] as! TreeScreen }
    /// The annotation list in the stack (on top or under a detail).
    var list: AnnotationListScreen? { stack.last { $0 is AnnotationListScreen } as? AnnotationListScreen }
    var detail: DetailScreen? { top as? DetailScreen }
    var datasetsScreen: DatasetsScreen? { top as? DatasetsScreen }

    var dialog: (Dialog, DialogPurpose)? {
        if case .dialog(let dialog, let purpose) = overlay { return (dialog, purpose) }
        return nil
    }

    /// Page requests among effects.
    static func pageRequests(_ effects: [Effect]) -> [AnnotationPageRequest] {
        effects.compactMap { if case .fetch(let request) = $0 { return request.base as? AnnotationPageRequest } else { return nil } }
    }

    static func commandRequests(_ effects: [Effect]) -> [AnnotationCommandRequest] {
        effects.compactMap { if case .fetch(let request) = $0 { return request.base as? AnnotationCommandRequest } else { return nil } }
    }

    static func requests<R: DataRequest>(_ type: R.Type, in effects: [Effect]) -> [R] {
        effects.compactMap { if case .fetch(let request) = $0 { return request.base as? R } else { return nil } }
    }

    /// The tree loaded.
    mutating func loadTree() {
        _ = ConsoleCore.start(&self)
        answer(WorkspacesRequest(), .success((OrganizationSummary(id: 1, name: "Acme"), sampleWorkspaces)))
    }

    /// The workspace tree loaded and queue 11 open with its first page.
    mutating func openQueueWithRows(total: Int = 250, rows: [AnnotationRow]? = nil) {
        loadTree()
        press(.down, .enter)
        answerPage(0, rows: rows ?? sampleRows(1...min(100, total)), total: total)
    }

    /// The server answers page `page` of the open list's current query.
    @discardableResult
    mutating func answerPage(_ page: Int, rows: [AnnotationRow], total: Int) -> [Effect] {
        let list = self.list!
        return answer(AnnotationPageRequest(query: list.query, page: page, fieldIDs: list.fieldColumns.map(\.id)),
                      .success(AnnotationPage(rows: rows, total: total)))
    }
}

/// A small in-process sandbox for the length of `body`, with the console's services on it.
func withSmallSandbox(history: Bool = false, _ body: (ConsoleServices, RossumClient) async throws -> Void) async throws {
    var configuration = SandboxConfiguration()
    configuration.size = .small
    configuration.seedsHistory = history
    let server = try await SandboxServer.start(configuration)
    do {
        let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
        try await body(ConsoleServices(client: client, logger: Logger(label: "test")), client)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

extension AppState {
    /// Types `line` at the `:` prompt and runs it.
    @discardableResult
    mutating func command(_ line: String) -> [Effect] {
        press(.char(":"))
        type(line)
        return press(.enter)
    }
}
