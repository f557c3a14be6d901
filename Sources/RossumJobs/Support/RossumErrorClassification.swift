import Foundation
import RossumKit

extension ErrorClassifier {
    /// RossumKit's errors: 5xx, 408/429, transport and timeouts may pass; 401/403 are credentials;
    /// 404 is an unknown dataset or resource; other 4xx are refusals of the request itself.
    static func classifyClientError(_ error: any Error) -> ClassifiedError? {
        guard let error = error as? RossumError else { return nil }
        let text = error.description
        switch error {
        case .http(let status, _, _, _):
            switch status {
            case 401, 403:
                return ClassifiedError(status: .auth, retryable: false, message: "\(text): check the credentials or token of the profile (`rossum-tui login`)")
            case 404:
                return ClassifiedError(status: .unavailable, retryable: false, message: "\(text): check the name (`rossum-tui mdh datasets` lists datasets)")
            case 408, 429, 500...599:
                return ClassifiedError(status: .unavailable, retryable: true, message: text)
            case 400, 413, 415, 422:
                return ClassifiedError(status: .badInput, retryable: false, message: text)
            default:
                return ClassifiedError(status: .failure, retryable: false, message: text)
            }
        case .transport, .timeout:
            return ClassifiedError(status: .unavailable, retryable: true, message: "\(text) (check the URL and the network)")
        case .authentication:
            return ClassifiedError(status: .auth, retryable: false, message: "\(text): check the username and password, or log in again with `rossum-tui login`")
        case .configuration:
            return ClassifiedError(status: .config, retryable: false, message: text)
        case .decoding:
            return ClassifiedError(status: .unavailable, retryable: true, message: text)
        case .waitTimedOut:
            return ClassifiedError(status: .jobFailed, retryable: true, message: text)
        case .failed:
            return ClassifiedError(status: .jobFailed, retryable: true, message: text)
        }
    }
}
