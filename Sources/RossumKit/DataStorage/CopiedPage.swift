import Foundation
import NIOCore

/// The records of one `data/find` answer, ready for the download file.
struct CopiedPage: Sendable {
    /// The page's records as they go into the file, without the separator that joins them to
    /// the previous page. For a JSON array this is a slice of the answer itself (no copy).
    var chunk: ByteBuffer
    /// Whether a `,` must be written before `chunk` (JSON array pages after the first).
    var needsSeparator: Bool
    var count: Int
    var lastID: JSONValue?

    /// Everything this page adds to the file.
    var fileBytes: [UInt8] {
        (needsSeparator ? [UInt8(ascii: ",")] : []) + Array(buffer: chunk)
    }
}

extension DataStorage {
    /// Finds the records of a `data/find` answer, reads the last `_id` and lays the records out
    /// for the file. One pass over the answer finds the records; only the last record (for its
    /// `_id`) is looked into, unless `_id` must be cut or records put on lines of their own.
    static func copyRecords(from body: ByteBuffer, format: DownloadFormat, stripID: Bool, first: Bool,
                            client: RossumClient) throws -> CopiedPage {
        let located = try body.withUnsafeReadableBytes { raw -> (records: [Range<Int>], lastIDRange: Range<Int>?, chunk: [UInt8]?) in
            let scanner = RawJSONScanner(bytes: raw)
            do {
                let envelope = try scanner.storageEnvelope()
                if envelope.code?.lowercased() == "error" {
                    throw RossumError.failed(what: "Data Storage data/find", detail: envelope.message ?? "")
                }
                guard let records = envelope.records else {
                    throw RossumError.decoding(type: "data/find answer", path: "result", reason: "missing result",
                                               snippet: RossumClient.snippet(of: body, limit: 200))
                }
                var lastIDRange: Range<Int>?
                if let last = records.last {
                    lastIDRange = try scanner.member("_id", ofObjectAt: last.lowerBound)?.value
                }
                guard format == .ndjson || stripID else { return (records, lastIDRange, nil) }
                return (records, lastIDRange, try laidOut(records, scanner: scanner, format: format, stripID: stripID, first: first))
            } catch let malformed as RawJSONScanner.Malformed {
                throw RossumError.decoding(type: "data/find answer", path: "", reason: malformed.description,
                                           snippet: RossumClient.snippet(of: body, limit: 200))
            }
        }
        var lastID: JSONValue?
        if let range = located.lastIDRange {
            let bytes = body.getBytes(at: body.readerIndex + range.lowerBound, length: range.count) ?? []
            lastID = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        }
        if let chunk = located.chunk {
            return CopiedPage(chunk: ByteBuffer(bytes: chunk), needsSeparator: false, count: located.records.count, lastID: lastID)
        }
        guard let firstRecord = located.records.first, let lastRecord = located.records.last else {
            return CopiedPage(chunk: ByteBuffer(), needsSeparator: false, count: 0, lastID: nil)
        }
        // The records and the commas between them, exactly as sent: a valid stretch of a JSON array.
        let chunk = body.getSlice(at: body.readerIndex + firstRecord.lowerBound, length: lastRecord.upperBound - firstRecord.lowerBound)
        return CopiedPage(chunk: chunk ?? ByteBuffer(), needsSeparator: !first, count: located.records.count, lastID: lastID)
    }

    /// The records copied one by one: without their `_id` member, and/or one per line.
    private static func laidOut(_ records: [Range<Int>], scanner: RawJSONScanner, format: DownloadFormat, stripID: Bool,
                                first: Bool) throws -> [UInt8] {
        let raw = scanner.bytes
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for (index, record) in records.enumerated() {
            var idMember: Range<Int>?
            var members: [Range<Int>] = []
            if stripID, raw[record.lowerBound] == UInt8(ascii: "{") {
                try scanner.forEachMember(ofObjectAt: record.lowerBound) { key, member, _ in
                    members.append(member)
                    if scanner.equals(key, "_id") { idMember = member }
                    return true
                }
            }
            if format == .jsonArray, !(first && index == 0) { out.append(UInt8(ascii: ",")) }
            let pieces = stripID ? Self.removing(idMember, members: members, from: record) : [record]
            for piece in pieces {
                if format == .ndjson {
                    for byte in UnsafeRawBufferPointer(rebasing: raw[piece]) where byte != 0x0A && byte != 0x0D { out.append(byte) }
                } else {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[piece]))
                }
            }
            if format == .ndjson { out.append(0x0A) }
        }
        return out
    }

    /// The pieces of `record` left once the `_id` member and its comma are cut out.
    static func removing(_ idMember: Range<Int>?, members: [Range<Int>], from record: Range<Int>) -> [Range<Int>] {
        guard let idMember, let position = members.firstIndex(of: idMember) else { return [record] }
        let cut: Range<Int>
        if position + 1 < members.count {
            cut = idMember.lowerBound..<members[position + 1].lowerBound
        } else if position > 0 {
            cut = members[position - 1].upperBound..<idMember.upperBound
        } else {
            cut = idMember
        }
        return [record.lowerBound..<cut.lowerBound, cut.upperBound..<record.upperBound]
    }
}
