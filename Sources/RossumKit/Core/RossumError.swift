import Foundation

/// Every failure RossumKit reports. Descriptions say what happened and what to do; they never
/// contain a token or a password (see `Redactor`).
public enum RossumError: Error, Sendable, Equatable {
    /// The server answered with an error status. `detail` is the server's message (`detail`,
    /// `message`, or a snippet of the body).
    case http(status: Int, method: String, url: String, detail: String)
    /// The request never got an answer: connection refused, reset, DNS, TLS...
    case transport(method: String, url: String, reason: String)
    /// No complete answer within the configured timeout.
    case timeout(method: String, url: String, seconds: Double)
    /// The answer was not what the model expects. `path` is the coding path (`results[3].status`).
    case decoding(type: String, path: String, reason: String, snippet: String)
    /// The client was set up or called wrongly (bad URL, missing credentials, invalid argument).
    case configuration(String)
    /// Authentication failed or the token was rejected.
    case authentication(String)
    /// Polling for a state did not reach it in time.
    case waitTimedOut(what: String, seconds: Double)
    /// A server-side task or operation ended in failure.
    case failed(what: String, detail: String)
    /// The client refused to send an action the resource's current state does not allow
    /// (e.g. confirming an annotation that is already confirmed): nothing was sent.
    case conflict(String)

    /// The HTTP status, for `.http` errors.
    public var status: Int? {
        if case .http(let status, _, _, _) = self { return status }
        return nil
    }
}

extension RossumError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .http(let status, let method, let url, let detail):
            let hint: String
            switch status {
            case 401: hint = " (the token is missing, invalid or expired: log in again or use a fresh token)"
            case 403: hint = " (the user lacks permission for this)"
            case 404: hint = " (no such resource: check the id or URL)"
            case 409: hint = " (conflict with the resource's current state)"
            case 429: hint = " (rate-limited: slow down)"
            default: hint = ""
            }
            return "[\(method)] \(url) - HTTP \(status)\(hint)\(detail.isEmpty ? "" : " - \(detail)")"
        case .transport(let method, let url, let reason):
            return "[\(method)] \(url) - could not reach the server: \(reason)"
        case .timeout(let method, let url, let seconds):
            return "[\(method)] \(url) - no answer within \(Self.format(seconds)) s (raise the timeout or check the server)"
        case .decoding(let type, let path, let reason, let snippet):
            return "could not read \(type) at \(path.isEmpty ? "the top level" : path): \(reason); payload starts: \(snippet)"
        case .configuration(let message):
            return "configuration error: \(message)"
        case .authentication(let message):
            return "authentication failed: \(message)"
        case .waitTimedOut(let what, let seconds):
            return "gave up waiting for \(what) after \(Self.format(seconds)) s"
        case .failed(let what, let detail):
            return "\(what) failed\(detail.isEmpty ? "" : ": \(detail)")"
        case .conflict(let message):
            return "not sent: \(message)"
        }
    }

    public var errorDescription: String? { description }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

