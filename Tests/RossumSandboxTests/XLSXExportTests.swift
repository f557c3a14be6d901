import Foundation
import Testing
@testable import RossumSandbox

@Suite struct XLSXExportTests {
    @Test func xlsxExportIsAZipWorkbookWithTheCSVRows() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try #require(try await sandbox.results("queues?ordering=id").first?["id"] as? Int)
            let csv = try await sandbox.get("queues/\(queue)/export?format=csv&status=exported")
            let xlsx = try await sandbox.get("queues/\(queue)/export?format=xlsx&status=exported")
            #expect(xlsx.status == 200)
            #expect(xlsx.headers.first(name: "Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(xlsx.body.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            // Stored (uncompressed) parts: the sheet's XML is readable in the archive bytes.
            let text = String(decoding: xlsx.body, as: UTF8.self)
            for part in ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "_rels/.rels"] { #expect(text.contains(part)) }
            let csvLines = csv.text.split(separator: "\r\n").count
            #expect(text.components(separatedBy: "<row ").count - 1 == csvLines)
            let firstID = try #require(csv.text.split(separator: "\r\n").dropFirst().first?.split(separator: ",").first)
            #expect(text.contains("<t xml:space=\"preserve\">\(firstID)</t>"))
            #expect(try await sandbox.get("queues/\(queue)/export?format=pdf").status == 400)
            #expect(try await sandbox.get("queues/999999/export?format=xlsx").status == 404)
        }
    }

    @Test func zipEntriesCarryTheirCRCAndColumnsAreLettered() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(XLSXWorkbook.column(0) == "A" && XLSXWorkbook.column(25) == "Z" && XLSXWorkbook.column(26) == "AA" && XLSXWorkbook.column(701) == "ZZ")
        #expect(XLSXWorkbook.escape("a<b & \u{1}c") == "a&lt;b &amp; c")
    }
}
