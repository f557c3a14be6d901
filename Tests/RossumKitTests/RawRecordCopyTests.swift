import Foundation
import NIOCore
import Testing
@testable import RossumKit

/// The byte-level copy of `data/find` records the collection download relies on.
@Suite struct RawRecordCopyTests {
    let client = try! RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"))
    let page = #"""
    {"code": "ok", "message": "", "result": [
      {"_id": {"$oid": "000000000000000000000001"}, "name": "A [x] {y}", "n": 1},
      {"name": "B \"q\" \\", "_id": {"$oid": "000000000000000000000002"}},
      {"nested": {"_id": 9}, "_id": {"$oid": "000000000000000000000003"}, "list": [1, {"a": "]"}]}
    ]}
    """#

    func records(_ bytes: [UInt8], prefix: String = "", suffix: String = "") throws -> [JSONValue] {
        let text = prefix + String(decoding: bytes, as: UTF8.self) + suffix
        return try JSONDecoder().decode([JSONValue].self, from: Data(text.utf8))
    }

    @Test func copiesRecordsVerbatimAndReadsTheLastID() throws {
        let copied = try DataStorage.copyRecords(from: ByteBuffer(string: page), format: .jsonArray, stripID: false, first: true, client: client)
        #expect(copied.count == 3)
        #expect(copied.lastID == ["$oid": "000000000000000000000003"])
        let parsed = try records(copied.fileBytes, prefix: "[", suffix: "]")
        #expect(parsed[0]["name"] == "A [x] {y}")
        #expect(parsed[1]["name"] == "B \"q\" \\")
        #expect(parsed[2]["list"]?[1]?["a"] == "]")
        // a later page starts with a separator
        let later = try DataStorage.copyRecords(from: ByteBuffer(string: page), format: .jsonArray, stripID: false, first: false, client: client)
        #expect(later.fileBytes.first == UInt8(ascii: ","))
    }

    @Test func jsonArrayPagesAreTheAnswersOwnBytes() throws {
        // `result` need not come last, and whatever sits between records (commas, line breaks)
        // is kept: the page is the stretch of the answer from the first record to the last.
        let answer = "{\"result\": [ {\"_id\": 1, \"a\": [1, 2]},\n  {\"_id\": 2, \"s\": \"}]\"} ], \"code\": \"ok\", \"message\": \"\"}"
        var body = ByteBuffer(string: "ignored" + answer)
        body.moveReaderIndex(forwardBy: 7)  // a body that does not start at offset 0 of its storage
        let copied = try DataStorage.copyRecords(from: body, format: .jsonArray, stripID: false, first: true, client: client)
        #expect(copied.count == 2)
        #expect(copied.lastID == 2)
        #expect(String(buffer: copied.chunk) == "{\"_id\": 1, \"a\": [1, 2]},\n  {\"_id\": 2, \"s\": \"}]\"}")
        #expect(!copied.needsSeparator)
        let later = try DataStorage.copyRecords(from: body, format: .jsonArray, stripID: false, first: false, client: client)
        #expect(later.needsSeparator)
        #expect(try records(later.fileBytes, prefix: "[{}", suffix: "]").count == 3)
    }

    @Test func envelopeScanReadsCodeAndMessageWhereverTheyAre() throws {
        let text = #"{"message": "quota \"exceeded\"", "result": [], "code": "error"}"#
        let envelope = try Array(text.utf8).withUnsafeBytes { try RawJSONScanner(bytes: $0).storageEnvelope() }
        #expect(envelope.code == "error")
        #expect(envelope.message == #"quota \"exceeded\""#)
        #expect(envelope.records == [])
        let missing = try Array(#"{"code": "ok"}"#.utf8).withUnsafeBytes { try RawJSONScanner(bytes: $0).storageEnvelope() }
        #expect(missing.records == nil)
        #expect(throws: RawJSONScanner.Malformed.self) {
            _ = try Array(#"{"code": "ok", "result": [{"_id": 1}"#.utf8).withUnsafeBytes { try RawJSONScanner(bytes: $0).storageEnvelope() }
        }
    }

    @Test func cutsIDWhenTheProjectionExcludesIt() throws {
        let copied = try DataStorage.copyRecords(from: ByteBuffer(string: page), format: .ndjson, stripID: true, first: true, client: client)
        let lines = String(decoding: copied.fileBytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        let parsed = try lines.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        #expect(parsed.allSatisfy { $0["_id"] == nil })
        #expect(parsed[0] == ["name": "A [x] {y}", "n": 1])
        #expect(parsed[1] == ["name": "B \"q\" \\"])
        #expect(parsed[2]["nested"]?["_id"] == 9)  // only the top-level _id goes
        #expect(copied.lastID == ["$oid": "000000000000000000000003"])
    }

    @Test func emptyPagesErrorsAndGarbage() throws {
        let empty = try DataStorage.copyRecords(from: ByteBuffer(string: #"{"code":"ok","result":[]}"#), format: .jsonArray, stripID: false, first: true, client: client)
        #expect(empty.count == 0)
        #expect(throws: RossumError.failed(what: "Data Storage data/find", detail: "no such collection")) {
            _ = try DataStorage.copyRecords(from: ByteBuffer(string: #"{"code":"error","message":"no such collection"}"#), format: .jsonArray, stripID: false, first: true, client: client)
        }
        #expect(throws: RossumError.self) {
            _ = try DataStorage.copyRecords(from: ByteBuffer(string: #"{"code":"ok","result":[{"a": "unterminated]}"#), format: .jsonArray, stripID: false, first: true, client: client)
        }
    }

    @Test func keysetQueryAndProjection() {
        #expect(DataStorage.keysetQuery([:], after: nil) == [:])
        #expect(DataStorage.keysetQuery([:], after: ["$oid": "a"]) == ["_id": ["$gt": ["$oid": "a"]]])
        #expect(DataStorage.keysetQuery(["x": 1], after: 5) == ["$and": [["x": 1], ["_id": ["$gt": 5]]]])
        #expect(DataStorage.keysetProjection(["_id": 0]).0 == nil)
        #expect(DataStorage.keysetProjection(["_id": 0]).1)
        #expect(DataStorage.keysetProjection(["_id": false, "name": 1]).0 == ["name": 1])
        #expect(DataStorage.keysetProjection(["name": 1]).1 == false)
        #expect(DataStorage.keysetProjection(nil).0 == nil)
    }

    @Test func multipartBody() {
        var form = MultipartForm(boundary: "B")
        form.addFile("file", filename: "data.json", contentType: "application/json", data: Array("[1]".utf8))
        form.addField("id_keys", "code")
        form.addFile("metadata", filename: "", contentType: "application/json", data: Array("{}".utf8))
        let text = String(decoding: form.encoded(), as: UTF8.self)
        #expect(text == "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.json\"\r\nContent-Type: application/json\r\n\r\n[1]\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"id_keys\"\r\n\r\ncode\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--B--\r\n")
        #expect(form.contentType == "multipart/form-data; boundary=B")
    }
}
