import Glibc

/// How the journal's files look right now (size and modification time of the database and its
/// write-ahead log). Every committed write changes it, whichever process wrote; reading it is
/// two `stat` calls, so a monitor that polls the journal every two seconds rereads its rows
/// only when something was written.
public struct JournalChangeStamp: Hashable, Sendable {
    struct FileStamp: Hashable, Sendable {
        var exists: Bool
        var size: Int64 = 0
        var seconds: Int = 0
        var nanoseconds: Int = 0
        var inode: UInt64 = 0
    }

    var files: [FileStamp]

    /// The stamp of the database at `path` and its `-wal` file.
    public init(path: String) {
        files = [path, path + "-wal"].map { file in
            var info = stat()
            guard stat(file, &info) == 0 else { return FileStamp(exists: false) }
            return FileStamp(exists: true, size: Int64(info.st_size), seconds: info.st_mtim.tv_sec,
                             nanoseconds: info.st_mtim.tv_nsec, inode: UInt64(info.st_ino))
        }
    }
}
