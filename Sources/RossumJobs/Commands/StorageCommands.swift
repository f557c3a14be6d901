import Foundation

/// The `storage` commands, as library functions.
public enum StorageCommands {
    @discardableResult
    public static func download(_ request: CollectionDownloadJob.Request, context: CommandContext) async throws -> CollectionDownloadJob.Outcome {
        try await CollectionDownloadJob(client: context.client(), output: context.output, now: context.now).run(request)
    }
}
