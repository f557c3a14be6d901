import Foundation

/// The `storage` commands, as library functions.
public enum StorageCommands {
    @discardableResult
    public static func download(_ request: CollectionDownloadJob.Request, context: CommandContext) async throws -> CollectionDownloadJob.Outcome {
        let printer = JobEventPrinter(output: context.output, now: context.now)
        return try await CollectionDownloadJob(client: context.client(), events: printer.sink).run(request)
    }
}
