import Foundation

/// A file a command writes whole: into `FILE.part`, renamed to `FILE` once complete, so a
/// reader never sees half of it and a failed run leaves no file that looks finished.
public enum FileOutput {
    public static func write(_ data: Data, to destination: String) throws {
        let partial = destination + ".part"
        try CollectionDownloadJob.createEmpty(partial, destination: destination)
        do {
            try data.write(to: URL(fileURLWithPath: partial))
            guard rename(partial, destination) == 0 else {
                throw CommandFailure(.cannotCreate, "cannot rename \(partial) to \(destination): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(partial)
            throw error as? CommandFailure ?? CommandFailure(.cannotCreate, "cannot write \(destination): \(error.localizedDescription)")
        }
    }
}
