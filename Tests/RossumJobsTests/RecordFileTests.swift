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
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let file = try RecordFile.load(path: path, idKeys: ["anything"])
        #expect(file.format == .xlsx)
        #expect(file.recordCount == nil)
    }
}
