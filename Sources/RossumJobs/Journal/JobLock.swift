import Foundation
import Synchronization

/// An exclusive, per-process lock on one job's identity (kind, dataset, file checksum,
/// parameters, server and account), taken before the job makes any network call, so two
/// identical runs started together cannot both upload: the second finds it held and stops.
///
/// `flock(2)` on a file in the journal's `locks` directory: taking it is one atomic system call,
/// and the kernel releases it when the process dies, so a killed run never leaves a stale lock
/// behind (the journal's `running` row and its pid say whether to resume).
public final class JobLock: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    /// The lock of `identity` next to `journalPath`; nil when another run holds it.
    public static func acquire(identity: String, journalPath: String) throws -> JobLock? {
        let directory = ((journalPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("locks")
        try AppPaths.makePrivateDirectory(directory)
        let path = (directory as NSString).appendingPathComponent("job-\(SHA256Digest.hexDigest(of: Array(identity.utf8)).prefix(32)).lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot create the job lock \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK { return nil }
            throw CommandFailure(.cannotCreate, "cannot lock \(path): \(String(cString: strerror(reason)))")
        }
        return JobLock(path: path, descriptor: descriptor)
    }

    /// Releases the lock (closing the file drops it); later calls do nothing.
    public func release() {
        descriptor.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    deinit { release() }
}
