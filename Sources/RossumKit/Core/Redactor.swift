import Synchronization
import Foundation

/// Knows the client's secrets (password, current and past tokens) and blanks them out of any
/// text that leaves the client: error descriptions and log lines.
final class Redactor: Sendable {
    private let secrets = Mutex<[String]>([])

    func remember(_ secret: String) {
        // Very short strings would blank out innocent text; real tokens and passwords are longer.
        guard secret.count >= 4 else { return }
        secrets.withLock { if !$0.contains(secret) { $0.append(secret) } }
    }

    func redact(_ text: String) -> String {
        let known = secrets.withLock { $0 }
        var result = text
        for secret in known where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }

    func redact(_ error: RossumError) -> RossumError {
        switch error {
        case .http(let status, let method, let url, let detail):
            return .http(status: status, method: method, url: redact(url), detail: redact(detail))
        case .transport(let method, let url, let reason):
            return .transport(method: method, url: redact(url), reason: redact(reason))
        case .timeout(let method, let url, let seconds):
            return .timeout(method: method, url: redact(url), seconds: seconds)
        case .decoding(let type, let path, let reason, let snippet):
            return .decoding(type: type, path: path, reason: redact(reason), snippet: redact(snippet))
        case .configuration(let message): return .configuration(redact(message))
        case .authentication(let message): return .authentication(redact(message))
        case .waitTimedOut: return error
        case .failed(let what, let detail): return .failed(what: redact(what), detail: redact(detail))
        case .conflict(let message): return .conflict(redact(message))
        }
    }
}
