import Testing
@testable import RossumSandbox

@Suite struct DataHubJSONTests {
    @Test(arguments: [Int64(1), 0xab, 0x1234_5678_9abc_def0, Int64.max])
    func splicedIDPrefixMatchesTheCodec(rowID: Int64) throws {
        var writer = DocumentJSONWriter()
        writer.appendObjectIdPrefix(rowID: rowID)
        writer.append("}")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"_id":{"$oid":""# + ObjectIdCodec.hex(forRowID: rowID) + #""}}"#)
    }

    @Test func roundTripKeepsKeyOrderAndNumberKinds() throws {
        let text = #"{"z":1,"a":2.5,"m":[true,false,null],"s":"Dvořák \"q\" \\ \n","n":{"$oid":"6740a1c00000000000000001"},"e":-3e2}"#
        let value = try DocumentJSONParser.parse(text)
        #expect(DocumentJSONWriter.string(value)
            == #"{"z":1,"a":2.5,"m":[true,false,null],"s":"Dvořák \"q\" \\ \n","n":{"$oid":"6740a1c00000000000000001"},"e":-300.0}"#)
        guard case .object(let document) = value else { Issue.record("not an object"); return }
        #expect(document.keys == ["z", "a", "m", "s", "n", "e"])
        if case .int(1)? = document["z"] {} else { Issue.record("z should stay an integer") }
        if case .objectId("6740a1c00000000000000001")? = document["n"] {} else { Issue.record("$oid should become an ObjectId") }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try DocumentJSONParser.parse(#""\u00e9\ud83d\ude00\/\t""#)
        #expect(value.stringValue == "é😀/\t")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "\"abc", "tru", "[1] x", "{\"a\":\"\\ud800\"}", "1e999"])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: DocumentJSONParser.SyntaxError.self) { try DocumentJSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8InsideStrings() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: DocumentJSONParser.SyntaxError.self) { try DocumentJSONParser.parse(bytes) }
    }

    @Test func escapesControlCharacters() {
        #expect(DocumentJSONWriter.string(.string("a\u{01}b")) == #""a\u0001b""#)
    }
}
