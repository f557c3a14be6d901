import Foundation
import RossumKit

extension UpsertJob {
    /// Looks for the operation `attempt`'s upload started though its answer never came, and
    /// journals the attempt as watching it. Lists the dataset's operations every `pollEvery`
    /// until `deadline` (at least once): a request that timed out on our side may still reach
    /// the server. Nil when none turns up; only then is the file sent again.
    func adoptLostOperation(of attempt: JournalAttempt, file: RecordFile, dataset: String, until deadline: Date) async throws -> JournalAttempt? {
        let remaining = max(0, deadline.timeIntervalSince(now()))
        let looks = 1 + Int((remaining / policy.pollEvery.timeInterval).rounded(.up))
        for look in 0..<looks {
            if look > 0 { try await sleep(policy.pollEvery) }
            // A listing that fails says nothing; the next look (or, at the end, a new upload) follows.
            guard let operations = try? await service.recentOperations(dataset: dataset), !operations.isEmpty else { continue }
            let ids = operations.map(\.id)
            let known = try await journal.perform { try $0.knownOperationIDs(among: ids) }
            guard let found = LostOperationSearch.match(in: operations, file: file, sentAfter: attempt.startedAt, excluding: known) else {
                continue
            }
            var adopted = attempt
            adopted.operationID = found.id
            adopted.status = .watching
            adopted.updatedAt = now()
            try await save(adopted)
            return adopted
        }
        return nil
    }

    /// RossumKit's rule for a write whose answer was lost: the server may have applied it.
    static func outcomeIsUnknown(_ error: any Error) -> Bool {
        (error as? RossumError)?.outcomeUnknown ?? false
    }
}
