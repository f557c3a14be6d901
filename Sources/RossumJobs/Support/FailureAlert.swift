import Foundation

/// What a failed job tells the monitoring system.
public struct FailureReport: Sendable, Equatable {
    public var kind: String
    public var dataset: String
    public var file: String
    public var checksum: String
    public var jobID: Int64?
    public var attempts: Int
    public var operationIDs: [String]
    public var error: String
    public var exitCode: Int32
    public var startedAt: Date
    public var failedAt: Date

    public init(kind: String, dataset: String, file: String, checksum: String, jobID: Int64?, attempts: Int,
                operationIDs: [String], error: String, exitCode: Int32, startedAt: Date, failedAt: Date) {
        self.kind = kind
        self.dataset = dataset
        self.file = file
        self.checksum = checksum
        self.jobID = jobID
        self.attempts = attempts
        self.operationIDs = operationIDs
        self.error = error
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.failedAt = failedAt
    }

    /// The `ROSSUM_JOB_*` variables the `--on-failure` command receives.
    public var environment: [String: String] {
        [
            "ROSSUM_JOB_KIND": kind,
            "ROSSUM_JOB_DATASET": dataset,
            "ROSSUM_JOB_FILE": file,
            "ROSSUM_JOB_CHECKSUM": checksum,
            "ROSSUM_JOB_ID": jobID.map(String.init) ?? "",
            "ROSSUM_JOB_ATTEMPTS": String(attempts),
            "ROSSUM_JOB_OPERATION_IDS": operationIDs.joined(separator: " "),
            "ROSSUM_JOB_ERROR": error,
            "ROSSUM_JOB_EXIT_CODE": String(exitCode),
            "ROSSUM_JOB_STARTED_AT": Timestamp.string(startedAt),
            "ROSSUM_JOB_FAILED_AT": Timestamp.string(failedAt),
        ]
    }

    /// The machine-readable line on standard error.
    public var jsonLine: String {
        var object: [String: Any] = [
            "event": "rossum_job_failed", "kind": kind, "dataset": dataset, "file": file, "checksum": checksum,
            "attempts": attempts, "operation_ids": operationIDs, "error": error, "exit_code": Int(exitCode),
            "started_at": Timestamp.string(startedAt), "failed_at": Timestamp.string(failedAt),
        ]
        if let jobID { object["job_id"] = jobID }
        return JSONLines.line(object)
    }
}

/// Raises the alert of a failed job: the JSON line on stderr, then the `--on-failure` command.
public struct FailureAlert: Sendable {
    public var command: String?
    /// A hung alert command must not keep a cron job alive for ever.
    public var commandTimeout: Duration

    public init(command: String?, commandTimeout: Duration = .seconds(60)) {
        self.command = command
        self.commandTimeout = commandTimeout
    }

    public func raise(_ report: FailureReport, output: OutputStreams) async {
        output.errorLine(report.jsonLine)
        guard let command, !command.isEmpty else { return }
        do {
            let status = try await Self.run(command, environment: report.environment, timeout: commandTimeout)
            if status != 0 {
                output.errorLine("rossum-tui: the --on-failure command exited with status \(status)")
            }
        } catch {
            output.errorLine("rossum-tui: could not run the --on-failure command: \(error)")
        }
    }

    /// Runs `/bin/sh -c command` with `environment` added to ours; returns its exit status.
    static func run(_ command: String, environment: [String: String], timeout: Duration) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            Task {
                try? await Task.sleep(for: timeout)
                // Still running after the timeout: stop it; the termination handler then resumes.
                if kill(pid, 0) == 0 { kill(pid, SIGTERM) }
            }
        }
    }
}
