import Foundation
import Synchronization

/// The command line's view of a job: turns its events into the timestamped lines of
/// `mdh upsert|replace|create` (results on stdout, trouble on stderr) and the progress bar and
/// closing line of `storage download`. The final error line is not printed here: the command
/// prints the thrown failure with its exit code.
public final class JobEventPrinter: Sendable {
    private struct State {
        var start: JobStart?
        /// The operation status last printed, so a status is announced once.
        var printedStatus: [String: String] = [:]
        var alreadyFinished = false
        var lastTotal: Int?
        var reporter: DownloadProgressReporter?
    }

    private let output: OutputStreams
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    public init(output: OutputStreams, now: @escaping @Sendable () -> Date = { Date() }) {
        self.output = output
        self.now = now
    }

    /// The sink to hand to a job.
    public var sink: JobEventSink { { [self] event in print(event) } }

    public func print(_ event: JobEvent) {
        let stamp = Timestamp.string(now())
        let (start, reporter) = state.withLock { ($0.start, $0.reporter) }
        let attempts = "/\(start?.maxAttempts ?? 1)"
        switch event {
        case .started(let started):
            let reporter = started.kind == CollectionDownloadJob.kind ? DownloadProgressReporter(output: output, now: now) : nil
            state.withLock {
                $0.start = started
                $0.reporter = reporter
            }
        case .resumed(let resumption):
            resumed(resumption, stamp: stamp)
        case .uploading(let attempt):
            guard let start else { return }
            let records = start.fileRecords.map { "\($0) records, " } ?? ""
            output.line("\(stamp) attempt \(attempt)\(attempts): sending \(start.fileName) (\(records)\(start.format)) to dataset \(start.dataset)")
        case .submitted(let attempt, let operationID):
            output.line("\(stamp) attempt \(attempt)\(attempts): accepted as operation \(operationID)")
        case .operation(let report):
            let isNew = state.withLock { state -> Bool in
                guard state.printedStatus[report.operationID] != report.status else { return false }
                state.printedStatus[report.operationID] = report.status
                return true
            }
            if isNew { output.line("\(stamp) attempt \(report.attempt)\(attempts): operation \(report.operationID) is \(report.status)") }
        case .pollFailed(let operationID, let reason, let stillWatching):
            output.errorLine("\(stamp) could not read operation \(operationID): \(reason)\(stillWatching ? " (still watching)" : "")")
        case .attemptFailed(let attempt, let reason):
            output.errorLine("\(stamp) attempt \(attempt)\(attempts): \(reason)")
        case .retrying(_, _, let delay):
            output.line("\(stamp) retrying the whole upload in \(delay.humanReadable)")
        case .downloaded(let records, let total):
            state.withLock { $0.lastTotal = total }
            reporter?.report(records: records, total: total)
        case .finished(let summary):
            if let reporter {
                reporter.report(records: summary.records ?? 0, total: state.withLock { $0.lastTotal }, force: true)
                reporter.finish()
                output.errorLine(summary.text)
            } else if !state.withLock({ $0.alreadyFinished }) {
                output.line("\(stamp) finished: \(summary.text)")
            }
        case .failed(let failure):
            reporter?.finish()
            if let path = failure.partialPath {
                output.errorLine("download interrupted: \(failure.keptRecords ?? 0) records kept in \(path); run again with --resume to continue")
            }
        }
    }

    private func resumed(_ resumption: JobResumption, stamp: String) {
        switch resumption {
        case .notUploadedYet(let jobID):
            output.line("\(stamp) resuming job #\(jobID): no upload was made yet")
        case .watching(let jobID, let attempt, let operationID, let lastStatus):
            if let lastStatus { state.withLock { $0.printedStatus[operationID] = lastStatus } }
            output.line("\(stamp) resuming job #\(jobID): watching operation \(operationID) of attempt \(attempt) instead of uploading again")
        case .alreadyFinished(let jobID, let operationID):
            state.withLock { $0.alreadyFinished = true }
            output.line("\(stamp) job #\(jobID) had already finished (operation \(operationID)): nothing to upload")
        case .interruptedUpload(let jobID, let attempt):
            output.line("\(stamp) resuming job #\(jobID): attempt \(attempt) was interrupted before its upload was confirmed")
        case .partialDownload(let records, let path):
            output.errorLine("resuming after \(records) records already in \(path)")
        }
    }
}
