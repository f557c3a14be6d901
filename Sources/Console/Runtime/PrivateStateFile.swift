import Foundation
import RossumJobs

/// How the console's small state files (the `:` history, remembered places) are written:
/// whole, to a private temporary file first, then renamed over the old one, so a crash
/// mid-write leaves the old file, not half of it, and nobody else can read it (mode 0600).
enum PrivateStateFile {
    /// Replaces the file at `path` with `data`; returns why it failed, if it did.
    static func write(_ data: Data, to path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp"
        do {
            try AppPaths.makePrivateDirectory(directory)
            guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
                return "cannot write \(temporary)"
            }
            // An existing file keeps its mode through `createFile`: make it private either way.
            guard chmod(temporary, 0o600) == 0, rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return "cannot replace \(path): \(reason)"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
