/// The one answer to "is this error transient?": may the same request, sent again a little
/// later, succeed? The transport's retries, the collection download's page retries, the jobs'
/// retries and the console's backoff all ask here. Whether a request may be *sent* again at
/// all (it must not run twice) is a different question, answered by `RetryPolicy` from the
/// request's idempotency.
extension RossumError {
    /// HTTP statuses of a server that is overloaded, restarting or slow (the official SDK's
    /// `RETRIED_HTTP_CODES`). Other 5xx are not here: 501 "not implemented" stays so however
    /// often it is asked, and the SDK's own tests pin that it is not retried.
    public static let transientStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    public static func isTransient(status: Int) -> Bool {
        transientStatuses.contains(status)
    }

    /// Transient: the transient HTTP statuses, no answer (transport failure, timeout), and an
    /// unreadable answer (a body cut short mid-transfer reads as invalid JSON). Not transient:
    /// every other HTTP status (credentials, permissions, unknown resources, refused input),
    /// configuration and authentication errors, and the end of a wait or of a server-side
    /// task, which say something about the operation, not about the request.
    public var isTransient: Bool {
        switch self {
        case .http(let status, _, _, _): Self.isTransient(status: status)
        case .transport, .timeout, .decoding: true
        case .configuration, .authentication, .waitTimedOut, .failed, .conflict: false
        }
    }

    /// The rule for any error: RossumKit's errors as above, a `TransportFailure` (no answer yet)
    /// is transient, and anything else (cancellation, a file that cannot be read, a bug) is not:
    /// a retry cannot be justified by an error nobody classified.
    public static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? RossumError { return error.isTransient }
        return error is TransportFailure
    }
}
