import Foundation
import Yams

/// Reads and writes `config.yaml`. Writes are atomic (temporary file + rename) and private:
/// the file is created with mode 0600 inside a 0700 directory, because it holds tokens.
public struct ProfileStore: Sendable {
    public let paths: AppPaths

    public init(paths: AppPaths) {
        self.paths = paths
    }

    /// The configuration, or an empty one when the file does not exist yet.
    public func load() throws -> ProfileConfiguration {
        let path = paths.configFile
        guard FileManager.default.fileExists(atPath: path) else { return ProfileConfiguration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.config, "cannot read \(path): check its permissions")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ProfileConfiguration() }
        do {
            return try YAMLDecoder().decode(ProfileConfiguration.self, from: text)
        } catch {
            throw CommandFailure(.config, "\(path) is not a valid rossum-tui configuration (\(Self.shortReason(error))): fix or remove it")
        }
    }

    /// Writes the whole configuration, replacing the file atomically.
    public func save(_ configuration: ProfileConfiguration) throws {
        try AppPaths.makePrivateDirectory(paths.configDirectory)
        let text: String
        do {
            text = try YAMLEncoder().encode(configuration)
        } catch {
            throw CommandFailure(.failure, "cannot encode the configuration: \(error)")
        }
        try Self.writePrivately(Data(text.utf8), to: paths.configFile)
    }

    /// Loads, changes one profile, saves.
    public func update(profile name: String, _ change: (inout Profile) -> Void) throws {
        var configuration = try load()
        var profile = configuration.profiles[name] ?? Profile()
        change(&profile)
        configuration.profiles[name] = profile
        try save(configuration)
    }

    /// Writes through a 0600 temporary file in the same directory, then renames it over `path`,
    /// so a crash never leaves a half-written or world-readable config.
    static func writePrivately(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".config.yaml.\(getpid()).tmp")
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        let written = data.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return write(fd, base, buffer.count)
        }
        let synced = fsync(fd) == 0
        close(fd)
        var info = stat()
        guard written == data.count, synced, stat(temporary, &info) == 0, info.st_mode & 0o077 == 0 else {
            unlink(temporary)
            throw CommandFailure(.cannotCreate, "refusing to write \(path): could not write it privately (mode 0600)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure(.cannotCreate, "cannot replace \(path): \(reason)")
        }
    }

    static func shortReason(_ error: any Error) -> String {
        String(String(describing: error).prefix(200)).replacingOccurrences(of: "\n", with: " ")
    }
}
