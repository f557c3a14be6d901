import Foundation
import RossumKit

extension ErrorClassifier {
    /// RossumKit's errors: the exit code and the hint are the jobs' business; whether a retry
    /// may help is `RossumError.isTransient`. 401/403 are credentials; 404 is an unknown
    /// dataset or resource; 409 is a resource whose current state refuses the request (another
    /// user holds it, it moved on), which a later run may find changed; other 4xx are refusals
    /// of the request itself; a 3xx is a redirect the client would not follow (`RedirectRule`).
    static func classifyClientError(_ error: any Error) -> ClassifiedError? {
        guard let error = error as? RossumError else { return nil }
        let text = error.description
        let retryable = error.isTransient
        let status: ExitStatus
        var message = text
        switch error {
        case .http(let code, _, _, _):
            switch code {
            case 401, 403:
                status = .auth
                message = "\(text): check the credentials or token of the profile (`rossum-tui login`)"
            case 404:
                status = .unavailable
                // Datasets and collections are named by hand; anything else is an id or a URL.
                let url = error.description
                message = url.contains("/svc/") ? "\(text): check the name (`rossum-tui mdh datasets` lists datasets)"
                    : "\(text): nothing has that id (check it, and the profile's server)"
            case 409: status = .jobFailed
            case 400, 413, 415, 422: status = .badInput
            case 300...399: status = .unavailable
            case 408, 429, 500...599: status = .unavailable
            default: status = .failure
            }
        case .transport, .timeout:
            status = .unavailable
            message = "\(text) (check the URL and the network)"
        case .authentication:
            status = .auth
            message = "\(text): check the username and password, or log in again with `rossum-tui login`"
        case .configuration: status = .config
        case .decoding: status = .unavailable
        case .waitTimedOut, .failed: status = .jobFailed
        // Refused before sending because of the resource's state: what a 409 would have said.
        case .conflict: status = .jobFailed
        }
        return ClassifiedError(status: status, retryable: retryable, message: message)
    }
}
