import Foundation
import RossumJobs
import RossumKit

/// The MDH operations of the organization and the jobs of the journal for this server and
/// account, as monitor rows. For an operation both know, the server's row is the one shown.
public struct OperationsRequest: DataRequest {
    public init() {}

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [OperationRow] {
        let client = services.client
        let (journal, scope) = (services.journal, services.scope)
        return try await services.attempt {
            async let mdh = client.masterDataHub.operations()
            // The journal's database work runs on the journal's own queue, not on the task pool.
            async let entries = Self.entries(journal, scope)
            let server = try await mdh.map(Shape.row)
            let known = Set(server.map(\.id))
            return server + JournalRows.rows(await entries).filter { !known.contains($0.id) }
        }
    }

    static func entries(_ journal: Journal?, _ scope: JournalScope) async -> [JournalEntry] {
        guard let journal else { return [] }
        if let unchanged = journal.unchangedRecentEntries(limit: 50, scope: scope) { return unchanged }
        return (try? await journal.perform { try $0.recentEntries(limit: 50, scope: scope) }) ?? []
    }
}
