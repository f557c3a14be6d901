import Foundation
import RossumKit

/// The MDH operations of the organization and the jobs of the journal, as monitor rows.
public struct OperationsRequest: DataRequest {
    public init() {}

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [OperationRow] {
        let client = services.client
        let journal = services.journal
        return try await services.attempt {
            async let mdh = client.masterDataHub.operations()
            async let jobs = journal?.recentOperations() ?? []
            var rows = try await mdh.map(Shape.row)
            rows += await jobs
            return rows
        }
    }
}
