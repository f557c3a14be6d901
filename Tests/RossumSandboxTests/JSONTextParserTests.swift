import Foundation
import Testing
@testable import RossumSandbox

/// The sandbox's own JSON reader must accept and refuse what `JSONDecoder` does and give the
/// same values, so replacing the decoder changed speed only. `JSONDecoder` through the
/// `Decodable` conformance is the oracle, except where it is laxer than the API's own parser
/// (Python's `json`): a trailing comma is refused, and of two equal member names the last wins.
@Suite struct JSONTextParserTests {
    static func oracle(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
    static func parsed(_ text: String) -> JSONValue? { try? JSONTextParser<JSONValue>.parse(text) }

    static let samples = [
        #"{}"#, #"[]"#, #"null"#, #"true"#, #"false"#, #"0"#, #"-0"#, #"12"#, #"-7"#, #"1.0"#, #"1.5"#, #"-2.25e3"#, #"1e2"#,
        #"1E-2"#, #"9223372036854775807"#, #"-9223372036854775808"#, #"9223372036854775808"#, #"1e300"#, #"0.1"#,
        #""plain""#, #""esc \" \\ \/ \b \f \n \r \t""#, #""\u00e9\u7530\ud83d\ude00""#, #""Dvořák 田中 😀""#,
        #"{"a":1,"b":[true,null,{"c":"d"}],"e":{"f":[]}}"#, #"  { "spaced" : [ 1 , 2 ] }  "#, 
        #"[1,2,3,4.5,"x",[[]]]"#, #""\u0000""#,
    ]

    static let malformed = [
        "", " ", "{", "}", "[", "[,1]", "{\"a\"}", "{\"a\":}", "{a:1}", "01", "1.", ".5", "+1", "-", "1e",
        "1e+", "--1", "tru", "nul", "falsey", "\"open", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
        "\"tab\tinside\"", "1 2", "[1] x", "{\"a\":1}}", "1e400", "-1e400", "NaN", "Infinity", "'single'",
    ]

    @Test func acceptsWhatTheDecoderAcceptsWithTheSameValues() throws {
        for text in Self.samples {
            let expected = try #require(Self.oracle(text), "the oracle refused \(text)")
            #expect(Self.parsed(text) == expected, "\(text)")
        }
    }

    @Test func refusesWhatTheDecoderRefuses() {
        for text in Self.malformed {
            #expect(Self.oracle(text) == nil, "the oracle accepted \(text)")
            #expect(Self.parsed(text) == nil, "accepted \(text)")
        }
    }

    @Test func followsTheAPIWhereTheDecoderIsLaxer() throws {
        for text in ["[1,]", #"{"a":1,}"#, "[1, ]"] {
            #expect(Self.oracle(text) != nil, "the oracle now refuses \(text)")
            #expect(Self.parsed(text) == nil, "accepted \(text)")
        }
        #expect(Self.parsed(#"{"dup":1,"dup":2}"#) == ["dup": 2])
    }

    @Test func refusesInvalidUTF8AndHostileNesting() {
        let invalid: [UInt8] = Array("\"a".utf8) + [0xC3, 0x28] + Array("\"".utf8)
        #expect(throws: SandboxHTTPError.self) { try JSONValue.parse(Data(invalid)) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: SandboxHTTPError.self) { try JSONValue.parse(Data(deep.utf8)) }
        let allowed = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONValue.parse(Data(allowed.utf8)) }
    }

    /// Random documents and random single-byte damage to them: both readers agree on every one.
    @Test func agreesWithTheDecoderOnGeneratedAndDamagedDocuments() {
        var random = SplitMix64(seed: 0x5EED_0F_15)
        let alphabet = Array(#"{}[]:,"\ 0123456789.eE+-truefalsenulx\u"#)
        var disagreements: [String] = []
        for _ in 0..<2_000 {
            let document = Self.document(&random, depth: 0).serialized(apiBase: nil)
            var damaged = Array(document)
            let position = Int(random.next() % UInt64(damaged.count))
            damaged[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
            for text in [document, String(damaged)] where Self.oracle(text) != Self.parsed(text) {
                // The one laxness of the oracle the API does not share (see above).
                if Self.parsed(text) == nil, text.contains(/,\s*[\]}]/) { continue }
                disagreements.append(text)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    static func document(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch random.next() % (depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 60))
        case 3: return .double(Double(Int(random.next() % 100_000)) / 64)
        case 4: return .string(["", "a", "Dvořák", "line\nbreak", "quote\"", "田中 😀", "\u{01}"][Int(random.next() % 7)])
        case 5: return .array((0..<Int(random.next() % 4)).map { _ in document(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            // Names one damaged byte cannot turn into each other (duplicates are tested apart).
            for name in ["alpha", "bravo", "charlie"].prefix(Int(random.next() % 4)) {
                members[name] = document(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }
}
