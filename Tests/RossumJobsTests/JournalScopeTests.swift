import Dispatch
import Foundation
import GRDB
import Testing
@testable import RossumJobs

/// The journal keeps each job's server and account, lists and resumes per scope, migrates
/// databases written before scopes existed, and keeps its file private.
@Suite struct JournalScopeTests {
    let prod = JournalScope(server: "https://acme.rossum.app/api/v1", account: "ops@acme.com")
    let staging = JournalScope(server: "https://staging.rossum.app/api/v1", account: "ops@acme.com")
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func job(_ dataset: String, scope: JournalScope?) -> JournalJob {
        JournalJob(kind: "mdh.upsert", dataset: dataset, filePath: "/tmp/\(dataset).json", checksum: "abc", parameters: "id_keys=id",
                   pid: 42, startedAt: now, scope: scope)
    }

    @Test func serversAreSpeltOneWay() {
        #expect(JournalScope.normalizedServer("HTTPS://ana:secret@Acme.Rossum.APP:443/api/v1/") == "https://acme.rossum.app/api/v1")
        #expect(JournalScope.normalizedServer("http://127.0.0.1:8080/api/v1?x=1#top") == "http://127.0.0.1:8080/api/v1")
        #expect(JournalScope.normalizedServer("http://localhost:80/api/v1") == "http://localhost/api/v1")
        #expect(JournalScope(server: "https://ACME.rossum.app/api/v1/", account: "a") == JournalScope(server: "https://acme.rossum.app/api/v1", account: "a"))
    }

    @Test func theAccountIsTheUsernameOrTheProfileForATokenAlone() {
        let password = ConnectionSettings(profileName: "prod", baseURL: "https://acme.rossum.app/api/v1",
                                          credentials: .password(username: "ana@acme.com", password: "p"))
        #expect(JournalScope(settings: password) == JournalScope(server: "https://acme.rossum.app/api/v1", account: "ana@acme.com"))
        let token = ConnectionSettings(profileName: "prod", baseURL: "https://acme.rossum.app/api/v1", credentials: .token("t"))
        #expect(JournalScope(settings: token).account == "prod")
    }

    /// The monitor's poll asks for the unchanged answer without a query; a write makes it
    /// ask the database again.
    @Test func anUnchangedJournalAnswersWithoutAQueryAndAWriteIsSeen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = try Journal(path: directory.file("journal.sqlite"))
        _ = try journal.insert(job("first", scope: prod))
        #expect(journal.unchangedRecentEntries(scope: prod) == nil)
        #expect(try journal.recentEntries(scope: prod).map(\.job.dataset) == ["first"])
        #expect(journal.unchangedRecentEntries(scope: prod)?.map(\.job.dataset) == ["first"])
        #expect(journal.unchangedRecentEntries(scope: staging) == nil, "another scope is another answer")
        _ = try journal.insert(job("second", scope: prod))
        #expect(journal.unchangedRecentEntries(scope: prod) == nil)
        #expect(try journal.recentEntries(scope: prod).map(\.job.dataset) == ["second", "first"])
    }

    @Test func listingsAndResumingStayWithinTheirScope() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = try Journal(path: directory.file("journal.sqlite"))
        _ = try journal.insert(job("on-prod", scope: prod))
        _ = try journal.insert(job("on-staging", scope: staging))
        _ = try journal.insert(job("unscoped", scope: nil))

        #expect(try journal.recentEntries(scope: prod).map(\.job.dataset) == ["on-prod"])
        #expect(try journal.recentEntries(scope: staging).map(\.job.dataset) == ["on-staging"])
        #expect(try journal.recentEntries(scope: JournalScope(server: prod.server, account: "someone@else")).isEmpty)
        #expect(try journal.runningEntries(scope: staging).map(\.job.dataset) == ["on-staging"])
        #expect(try journal.recentEntries().map(\.job.dataset) == ["unscoped", "on-staging", "on-prod"])
        #expect(try journal.recentEntries(scope: prod).first?.job.scope == prod)

        // The same file on another server is another job: it is not resumed there.
        #expect(try journal.resumableEntry(kind: "mdh.upsert", dataset: "on-prod", checksum: "abc", parameters: "id_keys=id", scope: prod) != nil)
        #expect(try journal.resumableEntry(kind: "mdh.upsert", dataset: "on-prod", checksum: "abc", parameters: "id_keys=id", scope: staging) == nil)
    }

    @Test func anOldDatabaseIsMigratedAndItsRowsShowInNoScope() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("journal.sqlite")
        // A journal as the previous version wrote it: only the v1 schema, one job.
        let old = try DatabaseQueue(path: path)
        try Journal.migrator.migrate(old, upTo: "v1")
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO job (kind, dataset, file_path, checksum, parameters, status, pid, started_at, updated_at, summary)
                VALUES ('mdh.upsert', 'legacy', '/tmp/l.json', 'c', '', 'succeeded', 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00', 'done')
                """)
        }
        try old.close()

        let journal = try Journal(path: path)
        let all = try journal.recentEntries()
        #expect(all.map(\.job.dataset) == ["legacy"])
        #expect(all.first?.job.scope == nil)
        #expect(try journal.recentEntries(scope: prod).isEmpty)
        _ = try journal.insert(job("new", scope: prod))
        #expect(try journal.recentEntries(scope: prod).map(\.job.dataset) == ["new"])
        let columns = try await journal.database.read { db in try db.columns(in: "job").map(\.name) }
        #expect(columns.contains("server") && columns.contains("account"))
    }

    @Test func theDatabaseFilesAreReadableByTheOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("state/journal.sqlite")
        let journal = try Journal(path: path)
        _ = try journal.insert(job("d", scope: prod))
        #expect(mode(of: path) == 0o600)
        #expect(mode(of: path + "-wal") == 0o600)

        // A journal an older version left world-readable is tightened when opened.
        let older = directory.file("older.sqlite")
        _ = FileManager.default.createFile(atPath: older, contents: nil, attributes: [.posixPermissions: 0o644])
        #expect(mode(of: older) == 0o644)
        _ = try Journal(path: older)
        #expect(mode(of: older) == 0o600)
    }

    @Test func performRunsOnTheJournalsOwnQueue() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = try Journal(path: directory.file("journal.sqlite"))
        let key = DispatchSpecificKey<Int>()
        journal.queue.setSpecific(key: key, value: 1)
        let (mark, entries) = try await journal.perform { journal in
            (DispatchQueue.getSpecific(key: key), try journal.recentEntries(scope: prod))
        }
        #expect(mark == 1)
        #expect(DispatchQueue.getSpecific(key: key) == nil)
        #expect(entries.isEmpty)
    }
}
