import Foundation
import Testing
@testable import RossumJobs

/// How a lost upload answer is matched to the operation the server started (issue 12, item 2).
@Suite struct LostOperationSearchTests {
    @Test func matchesNameSizeAndTimeButNoKnownOperation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try RecordFile.load(path: try directory.write("s.json", #"[{"id": 1}]"#))
        let intent = Date(timeIntervalSince1970: 1_800_000_000)
        func operation(_ id: String, name: String = "s.json", size: Int? = nil, after seconds: Double) -> RecentOperation {
            RecentOperation(id: id, fileName: name, fileSize: size ?? file.data.count, createdAt: intent.addingTimeInterval(seconds))
        }
        let operations = [
            operation("other-name", name: "t.json", after: 1), operation("other-size", size: 3, after: 1),
            operation("too-old", after: -LostOperationSearch.clockSkew - 1), operation("earlier-run", after: -5),
            operation("second", after: 2), operation("first", after: 1),
        ]
        #expect(LostOperationSearch.match(in: operations, file: file, sentAfter: intent, excluding: ["earlier-run"])?.id == "first")
        #expect(LostOperationSearch.match(in: operations, file: file, sentAfter: intent, excluding: [])?.id == "earlier-run")
        #expect(LostOperationSearch.match(in: [operation("x", name: "t.json", after: 1)], file: file, sentAfter: intent, excluding: []) == nil)
    }

    @Test func readsTheServersTimestamps() {
        #expect(LostOperationSearch.date("2026-11-30T09:25:08.123Z") != nil)
        #expect(LostOperationSearch.date("2026-11-30T09:25:08Z") != nil)
        #expect(LostOperationSearch.date("2026-11-30T09:25:08.123456") != nil)
        #expect(LostOperationSearch.date("yesterday") == nil)
    }
}
