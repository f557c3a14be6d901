import Foundation

/// Remembered places on disk (`Places`: recent annotations, pinned queues), one entry per
/// server, as JSON readable by its owner only. Like the command history it is a convenience:
/// a file that cannot be read means nothing remembered, never a console that does not start.
public struct PlacesFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// What is kept for `server`; nothing when the file is missing or not ours.
    public func read(server: String) -> Places {
        readAll()[server] ?? Places()
    }

    /// Replaces what is kept for `server`, leaving the other servers' places as they are.
    @discardableResult
    public func write(_ places: Places, server: String) -> String? {
        var all = readAll()
        all[server] = places
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(all) else { return "cannot encode the places" }
        return PrivateStateFile.write(data, to: path)
    }

    private func readAll() -> [String: Places] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return ((try? decoder.decode([String: Places].self, from: data)) ?? [:]).mapValues { Places(recent: $0.recent, pinnedQueues: $0.pinnedQueues) }
    }
}
