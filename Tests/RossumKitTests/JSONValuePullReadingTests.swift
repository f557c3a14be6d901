import Foundation
import Testing
@testable import RossumKit

/// `JSONValue` read with the pull reader is the value `Decodable` gives, and the MDH lists read
/// that way accept every shape the services send.
@Suite struct JSONValuePullReadingTests {
    static func pulled(_ text: String) throws -> JSONValue {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBytes { raw in try JSONDocument.read(UnsafeRawBufferPointer(raw)).value }
    }

    @Test func readsWhatDecodableReads() throws {
        let samples = [
            #"{"b":1,"a":[true,null,"x",-2.5e3,{"n":{}}],"s":"é \"q\" \u00e9 😀"}"#, "[]", "{}", "null", "false", "12",
            #"[{"operation_id":"1","status":"running","progress":0.5}]"#,
        ]
        for text in samples {
            let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            let read = try Self.pulled(text)
            #expect(read == decoded, "\(text)")
        }
        // Keys keep the order they were sent in (the Decodable path cannot: JSONDecoder hands
        // keys over unordered).
        if case .object(let object) = try Self.pulled(samples[0]) { #expect(object.keys == ["b", "a", "s"]) }
    }

    @Test func refusesMalformedAndHostileAnswers() {
        for text in ["", "{", "[1,", #"{"a"}"#, "1e400", "[1] x", String(repeating: "[", count: 100_000)] {
            #expect(throws: JSONPullReader.Failure.self, "\(text.prefix(20))") { try Self.pulled(text) }
        }
    }

    @Test func operationListsInEveryShape() throws {
        let operation = #"{"operation_id":"op-1","status":"running","dataset_name":"suppliers"}"#
        for text in ["[\(operation)]", #"{"results":[\#(operation)]}"#, #"{"operations":[\#(operation)],"total":1}"#] {
            var bytes = Array(text.utf8)
            let list = try bytes.withUnsafeMutableBytes { raw in try FlexibleList<DatasetOperation>.read(UnsafeRawBufferPointer(raw)) }
            #expect(list.items.map(\.id) == ["op-1"] && list.items.first?.datasetName == "suppliers", "\(text)")
        }
        for text in [#"{"detail":"nope"}"#, #"[{"status":"running"}]"#, "[1]"] {
            var bytes = Array(text.utf8)
            #expect(throws: JSONPullReader.Failure.self, "\(text)") {
                try bytes.withUnsafeMutableBytes { raw in try FlexibleList<DatasetOperation>.read(UnsafeRawBufferPointer(raw)) }
            }
        }
    }
}
