import Foundation
import Testing
@testable import RossumJobs

@Suite struct OutputTests {
    @Test func tablesAlignColumns() {
        let text = TableFormatter.render(header: ["ID", "NAME", "STATUS"], rows: [["1", "Invoices CZ", "to_review"], ["1234", "AP", ""]])
        #expect(text == """
        ID    NAME         STATUS
        1     Invoices CZ  to_review
        1234  AP

        """)
    }

    @Test func jsonLinesAreCompactAndSorted() {
        #expect(JSONLines.line(["b": 1, "a": "x/y", "c": [true]]) == #"{"a":"x/y","b":1,"c":[true]}"#)
    }

    @Test func progressIsABarOnATerminalAndLinesElsewhere() {
        #expect(DownloadProgressReporter.bar(records: 500, total: 1000, rate: 100, width: 10) == "[#####.....] 500/1000 records  100 rec/s  ETA 5s")
        #expect(DownloadProgressReporter.bar(records: 500, total: nil, rate: 100) == "500 records  100 rec/s")
        #expect(DownloadProgressReporter.eta(3725) == "1h02m")
        let (plain, captured) = OutputStreams.capturing()
        let reporter = DownloadProgressReporter(output: plain, plainInterval: 3600)
        reporter.report(records: 10, total: 20)
        reporter.report(records: 15, total: 20)
        reporter.report(records: 20, total: 20, force: true)
        #expect(captured.errLines.count == 2)
        #expect(captured.errLines.last?.hasPrefix("downloaded 20 of 20 records") == true)
        let (terminal, drawn) = OutputStreams.capturing(errIsTerminal: true)
        let bar = DownloadProgressReporter(output: terminal)
        bar.report(records: 1, total: 2)
        bar.finish()
        #expect(drawn.err.hasPrefix("\r["))
        #expect(drawn.err.hasSuffix("\n"))
    }

    @Test func alertRunsTheCommandWithTheDetailsAndPrintsAJSONLine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("alert.txt")
        let report = FailureReport(kind: "mdh.upsert", dataset: "suppliers", file: "/data/s.json", checksum: "abc", jobID: 7,
                                   attempts: 4, operationIDs: ["o1", "o2"], error: "operation o2 failed", exitCode: 75,
                                   startedAt: Date(timeIntervalSince1970: 0), failedAt: Date(timeIntervalSince1970: 60))
        let (streams, captured) = OutputStreams.capturing()
        await FailureAlert(command: "echo \"$ROSSUM_JOB_DATASET|$ROSSUM_JOB_ATTEMPTS|$ROSSUM_JOB_OPERATION_IDS|$ROSSUM_JOB_EXIT_CODE\" > '\(target)'")
            .raise(report, output: streams)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "suppliers|4|o1 o2|75\n")
        let line = try #require(captured.errLines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "rossum_job_failed")
        #expect(object["exit_code"] as? Int == 75)
        #expect(object["operation_ids"] as? [String] == ["o1", "o2"])

        let (failing, failingOutput) = OutputStreams.capturing()
        await FailureAlert(command: "exit 3").raise(report, output: failing)
        #expect(failingOutput.errLines.last == "rossum-tui: the --on-failure command exited with status 3")
    }
}
