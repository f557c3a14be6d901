import Foundation
import RossumKit
import Testing

/// The pull reader against Foundation's parser: the same values out of valid documents, an
/// error (never a partial value) out of every broken one.
struct JSONPullReaderTests {
    /// Reads any document into a `JSONValue` with the pull reader.
    struct Tree: JSONPullDecodable {
        var value: JSONValue

        init(reading reader: inout JSONPullReader) throws(JSONPullReader.Failure) {
            value = try Self.value(&reader)
        }

        static func value(_ reader: inout JSONPullReader) throws(JSONPullReader.Failure) -> JSONValue {
            switch try reader.peek() {
            case .object:
                var members: [(String, JSONValue)] = []
                try reader.readObject { reader, key throws(JSONPullReader.Failure) in members.append((key.text, try value(&reader))) }
                return .object(JSONObject(members))
            case .array:
                var elements: [JSONValue] = []
                try reader.readArray { reader throws(JSONPullReader.Failure) in elements.append(try value(&reader)) }
                return .array(elements)
            case .string: return .string(try reader.readString() ?? "")
            case .number: return .number(Double(try reader.readNumberText() ?? "") ?? .nan)
            case .bool: return .bool(try reader.readBool() ?? false)
            case .null: _ = try reader.readNull(); return .null
            }
        }
    }

    static func read(_ text: String) throws -> Tree {
        try Array(text.utf8).withUnsafeBytes { bytes in try Tree.read(bytes) }
    }

    static let documents = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e","f":-0.5e+3}}"#,
        #"  [ 1 , 2.25 , -3 , 4E2 , "x" ]  "#,
        #""plain""#,
        #""tab\tquote\" slash\/ back\\ uni\u00e9 pair\ud83d\ude00 nl\n""#,
        #"{"k\u0065y":"v","":""}"#,
        #"[[[[[]]]],{}]"#,
        #"{"url":"https://x/api/v1/annotations/12/content/3","content":{"value":12.0}}"#,
        "\"ünïcødé ✓ 文字\"",
    ]

    @Test(arguments: documents)
    func readsWhatFoundationReads(_ text: String) throws {
        let ours = try Self.read(text).value
        let theirs = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == theirs)
    }

    /// Every proper prefix of a valid document is broken, and must be said to be.
    @Test(arguments: documents)
    func everyTruncationThrows(_ text: String) throws {
        let bytes = Array(text.utf8)
        for length in 0..<bytes.count {
            // Some cuts are whole documents themselves (a number cut after a digit, a document
            // without its trailing spaces); every other cut is broken.
            let prefix = String(decoding: bytes[0..<length], as: UTF8.self)
            if (try? JSONSerialization.jsonObject(with: Data(prefix.utf8), options: [.fragmentsAllowed])) != nil { continue }
            #expect(throws: JSONPullReader.Failure.self, "prefix \(length) of \(text)") { try Self.read(prefix) }
        }
    }

    @Test(arguments: [
        "{", "[1,]", "01", "-01", "[00]", "{\"a\"1}", "{\"a\":}", "01x", "-", "1.", "1e", "tru", "nul", "\"\\x\"", "\"\\u12G4\"",
        "\"a\nb\"", "{} {}", "[1 2]", "{\"a\":1,}", "'a'", "+1", ".5",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONPullReader.Failure.self) { try Self.read(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONPullReader.Failure.self) {
            try Array(deep.utf8).withUnsafeBytes { bytes in
                var reader = JSONPullReader(bytes)
                try reader.skipValue()
            }
        }
    }

    @Test func integersAreCheckedForRangeAndShape() throws {
        func int(_ text: String) throws -> Int? {
            try Array(text.utf8).withUnsafeBytes { bytes in
                var reader = JSONPullReader(bytes)
                return try reader.readInt()
            }
        }
        #expect(try int("9223372036854775807") == Int.max)
        #expect(try int("-9223372036854775808") == Int.min)
        #expect(try int("null") == nil)
        #expect(throws: JSONPullReader.Failure.self) { try int("9223372036854775808") }
        #expect(throws: JSONPullReader.Failure.self) { try int("1.5") }
        #expect(throws: JSONPullReader.Failure.self) { try int("1e300") }
        #expect(throws: JSONPullReader.Failure.self) { try int("\"1\"") }
    }

    /// Callers may read an object or array without peeking first: white space before it is theirs
    /// to skip too.
    @Test func containersSkipLeadingWhiteSpace() throws {
        var ids: [Int] = []
        try Array(" [ \n {\"id\": 1} ,\t{ \"id\":2}\r\n]".utf8).withUnsafeBytes { bytes in
            var reader = JSONPullReader(bytes)
            try reader.readArray { reader throws(JSONPullReader.Failure) in
                try reader.readObject { reader, _ throws(JSONPullReader.Failure) in ids.append(try reader.readInt() ?? 0) }
            }
            try reader.expectEnd()
        }
        #expect(ids == [1, 2])
    }

    @Test func keysCompareWithOrWithoutEscapes() throws {
        var seen: [String] = []
        try Array(#"{"id":1,"i\u0064":2,"idx":3}"#.utf8).withUnsafeBytes { bytes in
            var reader = JSONPullReader(bytes)
            try reader.readObject { reader, key throws(JSONPullReader.Failure) in
                seen.append(key == "id" ? "id" : key.text)
                try reader.skipValue()
            }
        }
        #expect(seen == ["id", "id", "idx"])
    }
}
