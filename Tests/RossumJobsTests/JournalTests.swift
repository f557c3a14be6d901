import Foundation
import Testing
@testable import RossumJobs

@Suite struct JournalTests {
    @Test func jobsAndAttemptsAreKeptAndFoundForResuming() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("state/journal.sqlite")
        let journal = try Journal(path: path)
        #expect(mode(of: directory.file("state")) == 0o700)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let job = try journal.insert(JournalJob(kind: "mdh.upsert", dataset: "suppliers", filePath: "/tmp/s.json", checksum: "abc",
                                                parameters: "id_keys=id", pid: 42, startedAt: now))
        let jobID = try #require(job.id)
        var attempt = try journal.insert(JournalAttempt(jobID: jobID, number: 1, startedAt: now))
        attempt.operationID = "op-1"
        attempt.status = .watching
        attempt.operationStatus = "queued"
        try journal.update(attempt)

        // Another process (the console) opening the same file sees it.
        let reader = try Journal(path: path)
        let found = try #require(try reader.resumableEntry(kind: "mdh.upsert", dataset: "suppliers", checksum: "abc", parameters: "id_keys=id"))
        #expect(found.job.id == jobID)
        #expect(found.latestAttempt?.operationID == "op-1")
        #expect(found.latestAttempt?.status == .watching)
        #expect(try reader.resumableEntry(kind: "mdh.upsert", dataset: "suppliers", checksum: "other", parameters: "id_keys=id") == nil)
        #expect(try reader.resumableEntry(kind: "mdh.upsert", dataset: "suppliers", checksum: "abc", parameters: "id_keys=code") == nil)

        var finished = found.job
        finished.status = .succeeded
        try journal.update(finished)
        #expect(try reader.resumableEntry(kind: "mdh.upsert", dataset: "suppliers", checksum: "abc", parameters: "id_keys=id") == nil)
        #expect(try reader.recentEntries().map(\.job.status) == [.succeeded])
        #expect(try reader.runningEntries().isEmpty)
    }

    @Test func observationSeesWritesOfAnotherConnection() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("journal.sqlite")
        let writer = try Journal(path: path)
        let reader = try Journal(path: path)
        let datasets = try await withDeadline { () -> [[String]] in
            var seen: [[String]] = []
            for try await entries in reader.observeRecentEntries(interval: .milliseconds(10)) {
                seen.append(entries.map(\.job.dataset))
                if seen.count == 1 {
                    _ = try writer.insert(JournalJob(kind: "mdh.upsert", dataset: "d", filePath: "f", checksum: "c", parameters: "",
                                                     pid: 1, startedAt: Date()))
                } else {
                    break
                }
            }
            return seen
        }
        #expect(datasets == [[], ["d"]])
    }

    /// The recent-jobs answer is reused only while the files are untouched: every write, from
    /// this connection or another process's, is seen by the very next read.
    @Test func recentEntriesSeeEveryWriteAtOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("journal.sqlite")
        let writer = try Journal(path: path)
        let reader = try Journal(path: path)
        #expect(try reader.recentEntries().isEmpty)
        for index in 1...20 {
            var job = try writer.insert(JournalJob(kind: "mdh.upsert", dataset: "d\(index)", filePath: "f", checksum: "c",
                                                   parameters: "", pid: 1, startedAt: Date()))
            #expect(try reader.recentEntries().first?.job.dataset == "d\(index)")
            job.status = .failed
            try writer.update(job)
            #expect(try reader.recentEntries().first?.job.status == .failed)
            #expect(try reader.recentEntries(limit: 1).count == 1)
        }
        #expect(try reader.recentEntries().count == 20)
    }
}
