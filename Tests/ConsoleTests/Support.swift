import Foundation
import TerminalUI
@testable import Console

/// A console state at a fixed time and size, with no theme colours, for reducer and render tests.
func makeState(readOnly: Bool = false, width: Int = 120, height: Int = 35) -> AppState {
    var formatting = Formatting(timeZone: TimeZone(identifier: "UTC")!)
    formatting.timeZone = TimeZone(identifier: "UTC")!
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

    /// The workspace tree loaded and queue 11 open with its first page.
    mutating func openQueueWithRows(total: Int = 250, rows: [AnnotationRow]? = nil) {
        _ = ConsoleCore.start(&self)
        send(.workspacesLoaded(.success((OrganizationSummary(id: 1, name: "Acme"), sampleWorkspaces))))
        press(.down, .enter)
        let query = list!.query
        send(.annotationPageLoaded(query, page: 0, .success(AnnotationPage(rows: rows ?? sampleRows(1...min(100, total)), total: total))))
    }
}
