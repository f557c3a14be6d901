import Foundation
@testable import RossumJobs
import RossumKit
import Testing

/// `--output`, `--sort`, `--limit`: every format reads back as the rows that were written.
@Suite struct ListOutputTests {
    static let definition = ListDefinition(
        columns: [ListColumn("id", "ID"), ListColumn("name", "NAME"), ListColumn("amount", "AMOUNT"), ListColumn("tags")],
        sorting: .client)

    /// Values a naive writer gets wrong: commas, quotes, line breaks, leading spaces, Unicode, nesting, absence.
    static let rows: [JSONObject] = [
        ["id": 3, "name": "ACME, Inc.", "amount": 12.5, "tags": ["a", "b"]],
        ["id": 1, "name": "He said \"no\"\nthen left", "amount": 7],
        ["id": 2, "name": " 請求書 ", "amount": .null, "tags": ["k": "v"]],
    ]

    func written(_ format: OutputFormat, sort: String? = nil, limit: Int? = nil, rows: [JSONObject] = rows) throws -> CapturedOutput {
        let (streams, captured) = OutputStreams.capturing()
        let options = ListOptions(format: format, sort: sort.flatMap(ListSort.init), limit: limit)
        try ListWriter(Self.definition, options: options, output: streams).writeAll(rows)
        return captured
    }

    func object(_ line: some StringProtocol) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func csvParsesBackIntoTheSameRows() throws {
        let text = try written(.csv).out
        let records = try CSVReader.rows(text, delimiter: ",")
        #expect(records.first == ["id", "name", "amount", "tags"])
        #expect(Array(records.dropFirst()) == [
            ["3", "ACME, Inc.", "12.5", #"["a","b"]"#],
            ["1", "He said \"no\"\nthen left", "7", ""],
            ["2", " 請求書 ", "", #"{"k":"v"}"#],
        ])
        #expect(text.hasSuffix("\r\n"), "RFC 4180 records end with CRLF")
        // An empty list is still a header a reader can take.
        #expect(try CSVReader.rows(written(.csv, rows: []).out, delimiter: ",") == [["id", "name", "amount", "tags"]])
    }

    @Test func ndjsonIsOneObjectPerLine() throws {
        let lines = try written(.ndjson).out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "every line ends with a newline")
        let objects = try lines.dropLast().map { try object($0) }
        #expect(objects.map { $0["id"] as? Int } == [3, 1, 2])
        #expect(objects[1]["name"] as? String == "He said \"no\"\nthen left")
        #expect(objects[2]["amount"] is NSNull)
    }

    @Test func jsonIsOneArray() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(written(.json).out.utf8)) as? [[String: Any]]
        #expect(parsed?.map { $0["id"] as? Int } == [3, 1, 2])
        #expect((parsed?[0]["tags"] as? [String]) == ["a", "b"])
        #expect(try written(.json, rows: []).out == "[]\n")
    }

    @Test func clientSortAndLimit() throws {
        let ascending = try written(.ndjson, sort: "id").outLines.map { try object($0)["id"] as? Int }
        #expect(ascending == [1, 2, 3])
        let descending = try written(.ndjson, sort: "-id", limit: 2).outLines.map { try object($0)["id"] as? Int }
        #expect(descending == [3, 2])
        // Missing values go last whichever the direction; numbers sort by value, not as text.
        let byAmount = try written(.ndjson, sort: "-amount").outLines.map { try object($0)["id"] as? Int }
        #expect(byAmount == [3, 1, 2])
        let failure = #expect(throws: CommandFailure.self) { try written(.table, sort: "colour") }
        #expect(failure?.status == .usage && failure?.message.contains("id, name, amount, tags") == true)
    }

    @Test func tableShowsTitledColumnsOnOneLineEach() throws {
        let lines = try written(.table, limit: 2).outLines
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID") && lines[0].contains("AMOUNT") && !lines[0].contains("tags"))
        #expect(lines[2].contains("He said \"no\" then left"))
    }

    @Test func serverSortIsTheAPIsOrderingAndRefusesOtherFields() throws {
        let definition = ListDefinition(columns: [ListColumn("id", "ID"), ListColumn("queue_id")],
                                        sorting: .server(["id": "id", "queue_id": "queue"]))
        #expect(try definition.ordering(for: ListSort("-queue_id"), default: ["-created_at"]) == ["-queue"])
        #expect(try definition.ordering(for: nil, default: ["-created_at"]) == ["-created_at"])
        #expect(throws: CommandFailure.self) { try definition.ordering(for: ListSort("name")) }
        #expect(ListSort("-") == nil && ListSort("--id") == nil && ListSort("a b") == nil)
    }

    @Test func followBatchesShareOneHeader() {
        let (streams, captured) = OutputStreams.capturing()
        let writer = ListWriter(Self.definition, options: ListOptions(format: .table), output: streams)
        writer.add(Self.rows[0])
        writer.flush()
        writer.flush()
        writer.add(Self.rows[2])
        writer.flush()
        #expect(captured.outLines.count == 3)
        #expect(captured.outLines.filter { $0.hasPrefix("ID") }.count == 1)
    }
}
