import Testing
@testable import RossumSandbox

@Suite struct DataHubCSVTests {
    @Test func parsesQuotedFieldsWithDelimitersNewlinesAndDoubledQuotes() throws {
        let text = "id;name;note\r\n1;\"Dvořák; s.r.o.\";\"line1\nline2\"\r\n2;Müller;\"say \"\"hi\"\"\"\r\n\r\n"
        let records = try CSVParser(delimiter: UInt8(ascii: ";")).records(text)
        #expect(records.count == 2)
        #expect(DocumentJSONWriter.string(records[0]) == #"{"id":"1","name":"Dvořák; s.r.o.","note":"line1\nline2"}"#)
        #expect(records[1]["note"]?.stringValue == #"say "hi""#)
    }

    @Test func valuesStayStringsAndBOMIsDropped() throws {
        let records = try CSVParser().records("\u{FEFF}a,b\n1,true\n")
        #expect(DocumentJSONWriter.string(records[0]) == #"{"a":"1","b":"true"}"#)
    }

    @Test func customQuoteAndEscapeCharacters() throws {
        let parser = CSVParser(delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "'"), escape: UInt8(ascii: "\\"))
        let records = try parser.records("a,b\n'x,y',z\\,w\n")
        #expect(records[0]["a"]?.stringValue == "x,y")
        #expect(records[0]["b"]?.stringValue == "z,w")
    }

    @Test(arguments: ["a,b\n1\n", "a,a\n1,2\n", "a,b\n\"1,2\n", "", "a,,c\n1,2,3\n", "a,b\n\"1\"x,2\n"])
    func rejectsMalformedFiles(_ text: String) {
        #expect(throws: CSVParser.ParseError.self) { try CSVParser().records(text) }
    }

    @Test func datasetReaderReportsEncodingAndFormatProblems() throws {
        let options = DatasetFileOptions()
        #expect(throws: DatasetFileError.self) {
            try DatasetFileReader.records(from: [0x5B, 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D, 0x5D], filename: "a.json", contentType: nil, options: options)
        }
        #expect(throws: DatasetFileError.self) {
            try DatasetFileReader.records(from: Array("{\"a\":1}".utf8), filename: "a.json", contentType: nil, options: options)
        }
        #expect(throws: DatasetFileError.self) {
            try DatasetFileReader.records(from: Array("[1,2]".utf8), filename: "a.json", contentType: nil, options: options)
        }
        #expect(throws: DatasetFileError.self) {
            try DatasetFileReader.records(from: Array("a,b".utf8), filename: "a.xlsx", contentType: nil, options: options)
        }
        let latin1 = try DatasetFileOptions(encoding: "latin-1", fieldDelimiter: ";", quoteChar: nil, escapeChar: nil)
        let records = try DatasetFileReader.records(from: [0x6E, 0x0A, 0x44, 0x76, 0xF8, 0x0A], filename: "s.csv", contentType: nil, options: latin1)
        #expect(records.first?["n"]?.stringValue == "Dvø")
        #expect(throws: QueryError.self) { try DatasetFileOptions(encoding: "klingon", fieldDelimiter: nil, quoteChar: nil, escapeChar: nil) }
        #expect(throws: QueryError.self) { try DatasetFileOptions(encoding: nil, fieldDelimiter: "ab", quoteChar: nil, escapeChar: nil) }
    }

    @Test func multipartBodyWithRepeatedFieldsAndAFile() throws {
        let body = Array((
            "--XyZ\r\nContent-Disposition: form-data; name=\"id_keys\"\r\n\r\nsupplier_id\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"id_keys\"\r\n\r\ncountry\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.json\"\r\nContent-Type: application/json\r\n\r\n[{\"a\":1}]\r\n"
            + "--XyZ--\r\n").utf8)
        let boundary = try #require(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=XyZ"))
        let form = try MultipartFormData(body: body, boundary: boundary)
        #expect(form.fields("id_keys") == ["supplier_id", "country"])
        let file = try #require(form.file("file"))
        #expect(file.filename == "data.json")
        #expect(file.contentType == "application/json")
        #expect(file.text == "[{\"a\":1}]")
        #expect(throws: MultipartFormData.FormatError.self) { try MultipartFormData(body: Array("nothing".utf8), boundary: "XyZ") }
    }
}
