import Foundation
import RossumKit

/// Maps any error a job meets to an exit code, whether another try may help, and one line.
/// Whether another try may help is RossumKit's rule (`RossumError.isTransient`), asked here
/// and nowhere else in the jobs.
public enum ErrorClassifier {
    public static func classify(_ error: any Error) -> ClassifiedError {
        if let failure = error as? CommandFailure {
            return ClassifiedError(status: failure.status, retryable: failure.status == .unavailable, message: failure.message)
        }
        if let classified = classifyClientError(error) { return classified }
        // Work is cancelled when the person or the system stops it (SIGINT, SIGTERM).
        if error is CancellationError {
            return ClassifiedError(status: .interrupted, retryable: false, message: "interrupted")
        }
        return ClassifiedError(status: .failure, retryable: RossumError.isTransient(error), message: String(describing: error))
    }
}
