import Foundation
import Testing
@testable import RossumSandbox

@Suite struct JSONValueTests {
    @Test func serialisesToJSONThatFoundationReadsBack() throws {
        let value: JSONValue = [
            "quote": "a \"b\" \\ c", "lines": "one\ntwo\tthree\r", "control": "\u{01}", "unicode": "Dvořák 田中 😀",
            "int": 42, "double": 0.5, "whole": 3.0, "null": nil, "flag": true, "list": [1, "x", [:]],
            "ref": .reference("queues", 7),
        ]
        let text = value.serialized(apiBase: "http://h:1/api/v1")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["quote"] as? String == "a \"b\" \\ c")
        #expect(parsed["lines"] as? String == "one\ntwo\tthree\r")
        #expect(parsed["control"] as? String == "\u{01}")
        #expect(parsed["unicode"] as? String == "Dvořák 田中 😀")
        #expect(parsed["int"] as? Int == 42 && parsed["double"] as? Double == 0.5 && parsed["whole"] as? Double == 3)
        #expect(parsed["null"] is NSNull && parsed["flag"] as? Bool == true)
        #expect(parsed["ref"] as? String == "http://h:1/api/v1/queues/7")
        // Stored form keeps the host-independent reference, and parsing gives the same value back
        // (a whole double may come back as an integer, which JSON does not distinguish).
        var comparable = value
        comparable["whole"] = nil
        #expect(try JSONValue.parse(Data(comparable.storageText.utf8)) == comparable)
    }

    @Test func everyControlCharacterQuoteAndBackslashIsEscaped() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        for text in [controls, "\"\\" + controls + "end", "x\"y\\z\u{1F}", #"{"a": ["b", "c\"d"]}"#, "plain", "", "Dvořák \"田中\""] {
            let serialized = JSONValue.string(text).storageText
            #expect(!serialized.unicodeScalars.contains { $0.value < 0x20 }, "\(serialized.debugDescription)")
            let parsed = try JSONSerialization.jsonObject(with: Data(serialized.utf8), options: [.fragmentsAllowed]) as? String
            #expect(parsed == text, "\(serialized.debugDescription)")
        }
        #expect(JSONValue.string("a\u{01}\"\n").storageText == #""a\u0001\"\n""#)
    }

    @Test func clientURLsBecomeStoredReferences() {
        let sent: JSONValue = ["queue": "http://other-host:9/api/v1/queues/3", "note": "http://example.com/x"]
        let stored = sent.normalizingReferences(apiBase: "http://127.0.0.1:5/api/v1")
        #expect(stored["queue"] == .reference("queues", 3))
        #expect(stored["note"] == "http://example.com/x")
        #expect(JSONValue.string("http://h/api/v1/annotations/12/").referencedID == 12)
    }
}
