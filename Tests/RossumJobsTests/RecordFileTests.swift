import Foundation
import Testing
@testable import RossumJobs

@Suite struct RecordFileTests {
    @Test func validJSONAndCSVAreCountedAndHashed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let json = try directory.write("s.json", #"[{"supplier_id": 1, "name": "A"}, {"supplier_id": "2", "name": "B"}]"#)
        let file = try RecordFile.load(path: json, idKeys: ["supplier_id"])
        #expect(file.format == .json)
        #expect(file.recordCount == 2)
        #expect(file.checksum == SHA256Digest.hexDigest(of: Array(file.data)))

        let csv = try directory.write("s.csv", "supplier_id,name,note\n1,A,\"multi\nline, with comma\"\n2,B,\"say \"\"hi\"\"\"\n")
        let parsed = try RecordFile.load(path: csv, idKeys: ["supplier_id", "name"])
        #expect(parsed.format == .csv)
        #expect(parsed.recordCount == 2)
    }

    @Test func badFilesFailFastWithTheRightCode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func failure(_ body: () throws -> Void) -> CommandFailure? {
            do { try body() } catch let failure as CommandFailure { return failure } catch { return nil }
            return nil
        }
        #expect(failure { _ = try RecordFile.load(path: directory.file("missing.json")) }?.status == .noInput)
        let broken = try directory.write("broken.json", #"[{"a": 1},"#)
        #expect(failure { _ = try RecordFile.load(path: broken) }?.status == .badInput)
        let object = try directory.write("object.json", #"{"a": 1}"#)
        #expect(failure { _ = try RecordFile.load(path: object) }?.message.contains("JSON array") == true)
        let missingKey = try directory.write("k.json", #"[{"supplier_id": 1}, {"name": "x"}, {"supplier_id": null}]"#)
        let keyFailure = failure { _ = try RecordFile.load(path: missingKey, idKeys: ["supplier_id"]) }
        #expect(keyFailure?.status == .badInput)
        #expect(keyFailure?.message.contains("record 1 has no \"supplier_id\"") == true)
        let csv = try directory.write("k.csv", "name,city\nA,Prague\n")
        #expect(failure { _ = try RecordFile.load(path: csv, idKeys: ["supplier_id"]) }?.message.contains("no column \"supplier_id\"") == true)
        let emptyValue = try directory.write("e.csv", "supplier_id,name\n1,A\n,B\n")
        #expect(failure { _ = try RecordFile.load(path: emptyValue, idKeys: ["supplier_id"]) }?.message.contains("data line 2") == true)
        let empty = try directory.write("empty.csv", "")
        #expect(failure { _ = try RecordFile.load(path: empty) }?.status == .badInput)
        let fakeWorkbook = try directory.write("fake.xlsx", "not a zip")
        #expect(failure { _ = try RecordFile.load(path: fakeWorkbook) }?.status == .badInput)
    }

    @Test func workbooksPassThrough() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("book.xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3] + Array("xl/workbook.xml".utf8)).write(to: URL(fileURLWithPath: path))
        let file = try RecordFile.load(path: path, idKeys: ["anything"])
        #expect(file.format == .xlsx)
        #expect(file.recordCount == nil)
    }

    /// What MDH checks and fails a whole operation for is checked here first (issue 12, item 3).
    @Test func filesTheServerWouldRejectFailLocally() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func message(_ name: String, _ content: [UInt8], idKeys: [String] = ["supplier_id"]) -> String? {
            let path = directory.file(name)
            do {
                try Data(content).write(to: URL(fileURLWithPath: path))
                _ = try RecordFile.load(path: path, idKeys: idKeys)
            } catch let failure as CommandFailure {
                return failure.status == .badInput ? failure.message : "status \(failure.status)"
            } catch {
                return "\(error)"
            }
            return nil
        }
        let utf8 = { (text: String) in Array(text.utf8) }
        #expect(message("d.json", utf8(#"[{"supplier_id": "A"}, {"supplier_id": "B"}, {"supplier_id": "A"}]"#))?
            .contains("records 1 and 3 have the same id key values") == true)
        // The string "1" and the number 1 are different keys, as on the server.
        #expect(message("typed.json", utf8(#"[{"supplier_id": "1"}, {"supplier_id": 1}]"#)) == nil)
        #expect(message("d.csv", utf8("supplier_id,name\nA,x\nB,y\nA,z\n"))?.contains("records 1 and 3") == true)
        #expect(message("two.csv", utf8("supplier_id,name\nA,x\nA,y\n"), idKeys: ["supplier_id", "name"]) == nil)
        #expect(message("q.csv", utf8("supplier_id,name\nA,\"Big\" Co\n"))?.contains("line 2: a character after the closing quote") == true)
        #expect(message("u.csv", utf8("supplier_id,name\nA,\"open\nB,x\n"))?.contains("line 2: a quoted field is never closed") == true)
        #expect(message("n.csv", utf8("supplier_id,name\nA,x,extra\n"))?.contains("data line 1 has 3 fields, the header has 2") == true)
        #expect(message("h.csv", utf8("supplier_id,name,name\nA,x,y\n"))?.contains("names the column \"name\" twice") == true)
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array(#"[{"supplier_id": "A"}]"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(message("w.json", utf16)?.contains("UTF-16") == true)
        #expect(message("fake.xlsx", utf8("supplier_id\nA\n"))?.contains("not an XLSX workbook") == true)
        #expect(message("zip.xlsx", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])?.contains("no xl/workbook.xml") == true)
    }
}
