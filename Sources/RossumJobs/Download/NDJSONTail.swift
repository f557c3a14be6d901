import Foundation
import RossumKit

/// Reads the end of an interrupted NDJSON download so it can be continued.
enum NDJSONTail {
    /// Drops a torn last line (no newline: the write was cut), then returns how many records the
    /// file holds and the `_id` of the last one.
    static func prepareForAppend(path: String) throws -> (records: Int, lastID: JSONValue?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "cannot read \(path) to resume it")
        }
        var end = data.count
        if let last = data.last, last != 0x0A {
            end = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            guard truncate(path, off_t(end)) == 0 else {
                throw CommandFailure(.cannotCreate, "cannot trim the torn last line of \(path): \(String(cString: strerror(errno)))")
            }
        }
        let complete = data.prefix(end)
        let lines = complete.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let lastLine = lines.last else { return (0, nil) }
        guard let record = try? JSONDecoder().decode(JSONValue.self, from: Data(lastLine)), let id = record["_id"] else {
            throw CommandFailure(.badInput, "the last line of \(path) is not a record with an _id: remove the file and download again")
        }
        return (lines.count, id)
    }

    static func countLines(path: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
