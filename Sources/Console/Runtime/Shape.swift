import Foundation
import RossumKit

/// Client resources shaped into the console's view models, in one place so the list, the
/// detail and the monitor show an annotation or an operation the same way.
enum Shape {
    static func summary(_ queue: Queue) -> QueueSummary {
        QueueSummary(id: queue.id, name: queue.name ?? "queue \(queue.id)", workspaceID: queue.workspace.flatMap(Shape.trailingID),
                     schemaID: queue.schema.flatMap(Shape.trailingID), counts: queue.counts ?? [:],
                     sessionTimeout: queue.sessionTimeout.flatMap(QueueSummary.duration))
    }
    /// `https://x/api/v1/queues/12` -> 12.
    /// A value as the person reads it whole: pretty-printed JSON, keys sorted, `/` unescaped.
    static func prettyJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    static func trailingID(_ url: String) -> Int? {
        // Every link of every row goes through here: the digits after the last slash, read
        // from the UTF-8 bytes without splitting the URL.
        var utf8 = Substring(url).utf8
        while utf8.last == UInt8(ascii: "/") { utf8 = utf8.dropLast() }
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return Int(url) }
        return Int(Substring(utf8[utf8.index(after: slash)...]))
    }
    static func annotationID(fromContentURL url: String) -> Int? {
        // `.../annotations/123/content/456`: the number after the last `/annotations/`.
        // Scanned as bytes: this runs for every datapoint of every list page.
        let marker = Array("/annotations/".utf8)
        var url = url
        return url.withUTF8 { bytes -> Int? in
            var start = bytes.count - marker.count
            while start >= 0 {
                if bytes[start] == marker[0], bytes[start..<(start + marker.count)].elementsEqual(marker) { break }
                start -= 1
            }
            guard start >= 0 else { return nil }
            var value = 0, index = start + marker.count, seen = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), seen < 18 {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
                seen += 1
            }
            return seen == 0 ? nil : value
        }
    }
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let string = value.stringValue { return string }
        if let number = value.doubleValue { return number == number.rounded() ? String(Int(number)) : String(number) }
        return value.isNull ? "" : value.description
    }
    static func row(_ annotation: Annotation, document: Document?, modifier: User?, fields: [String: String]) -> AnnotationRow {
        let name = document?.originalFileName ?? annotation.document?.url.map { "document \(trailingID($0) ?? 0)" } ?? "-"
        let modifierName = modifier.map { $0.username ?? [$0.firstName, $0.lastName].compactMap { $0 }.joined(separator: " ") }
            ?? annotation.modifier?.url.flatMap(trailingID).map { "user \($0)" }
        return AnnotationRow(id: annotation.id, status: annotation.status?.rawValue ?? "unknown", fileName: name,
                             arrivedAt: date(document?.arrivedAt ?? annotation.arrivedAt ?? annotation.createdAt),
                             modifiedAt: date(annotation.modifiedAt), modifier: modifierName,
                             queueID: annotation.queue?.url.flatMap(trailingID) ?? annotation.queue?.object?.id, fields: fields)
    }
    static func date(_ text: String?) -> Date? {
        text.flatMap(ISO8601Timestamp.parse)
    }
    static func flatten(_ nodes: [ContentNode]) -> [ContentNode] {
        nodes.flatMap { [$0] + flatten($0.children) }
    }
    static func row(_ op: DatasetOperation) -> OperationRow {
        let metadata = op.raw["file_metadata"] ?? op.raw["metadata"]?["file_metadata"]
        let started = date(op.createdAt)
        let updated = date(op.statusChangedAt)
        let row = OperationRow(id: "mdh:" + op.id, source: .masterDataHub, kind: op.operationType ?? "operation",
                               state: op.status.rawValue, dataset: op.datasetName, file: metadata?["filename"]?.stringValue,
                               startedAt: started, updatedAt: updated, counts: op.counts, progress: op.progress, error: op.error)
        var finished = row
        if row.phase != .running { finished.finishedAt = updated }
        return finished
    }

    static func recordCount(_ raw: JSONValue) -> Int? {
        raw["record_count"]?.intValue ?? raw["count"]?.intValue ?? raw["size"]?.intValue
    }
}
