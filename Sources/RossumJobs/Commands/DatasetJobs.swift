import Foundation
import RossumKit

/// The jobs a program embedding RossumJobs (the console) starts: exactly the jobs of
/// `rossum-tui mdh upsert|replace` and `storage download`, with the same retry policy, the same
/// journal writes and the same events, only with nothing printed (the caller shows the events).
public enum DatasetJobs {
    /// Upserts `file` into `dataset` by `idKeys`, or with `replace` replaces the whole dataset
    /// (then `idKeys` must be empty). Journaled under `scope`; a rerun of the same file resumes a
    /// job a killed run left. Events go to `events`; the result is returned, a failure thrown as
    /// `CommandFailure` after its `failed` event.
    @discardableResult
    public static func write(client: RossumClient, dataset: String, file: URL, idKeys: [String], replace: Bool,
                             journal: Journal, scope: JournalScope, policy: UpsertPolicy = UpsertPolicy(),
                             events: @escaping JobEventSink) async throws -> UpsertJob.Outcome {
        guard !replace || idKeys.isEmpty else {
            let failure = CommandFailure(.usage, "a replace takes no id keys: it replaces the whole dataset (an upsert matches on keys)")
            events(.failed(JobFailure(reason: failure.message, exitStatus: failure.status)))
            throw failure
        }
        let job = UpsertJob(service: RossumKitDatasetService(client: client), journal: journal, scope: scope, policy: policy,
                            output: .discarding, events: events)
        let mode: DatasetWriteMode = replace ? .replace : .update(idKeys: idKeys, updateOrNew: true)
        return try await job.run(UpsertJob.Request(dataset: dataset, filePath: file.path, mode: mode))
    }

    /// Downloads the collection `dataset` into `output`, written as `output.part` and renamed when
    /// complete. NDJSON when the file ends in `.ndjson` or `.jsonl`, else one JSON array.
    @discardableResult
    public static func download(client: RossumClient, dataset: String, output: URL,
                                events: @escaping JobEventSink) async throws -> CollectionDownloadJob.Outcome {
        let ndjson = ["ndjson", "jsonl"].contains(output.pathExtension.lowercased())
        let request = CollectionDownloadJob.Request(collection: dataset, outputPath: output.path, ndjson: ndjson)
        return try await CollectionDownloadJob(client: client, events: events).run(request)
    }
}
