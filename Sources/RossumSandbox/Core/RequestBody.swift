import Hummingbird
import NIOCore
import NIOHTTP1

/// Reads a whole request body and tells its two failures apart: too large (413) or unreadable
/// (400) — a broken chunk, a body shorter than announced, a connection cut mid-body. Both were
/// answered 413 before, or 500 on the `/svc/...` routes.
enum RequestBody {
    enum Failure: Error {
        case tooLarge
        case unreadable(reason: String)
    }

    static func collect(_ request: inout Request, upTo limit: Int) async throws(Failure) -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw .tooLarge }
        do {
            return try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw .tooLarge
        } catch is NIOTooManyBytesError {
            throw .tooLarge
        } catch {
            throw .unreadable(reason: reason(error))
        }
    }

    /// A sentence for the client, e.g. "the request body could not be read: invalid chunk size".
    static func detail(_ reason: String) -> String {
        "The request body could not be read (\(reason)); the connection is closed, send the request again on a new one."
    }

    /// Closes the connection after the answer: what follows an unreadable body cannot be trusted.
    static let closingHeaders: HTTPFields = [.connection: "close"]

    private static func reason(_ error: any Error) -> String {
        guard let parserError = error as? HTTPParserError else { return "\(error)" }
        switch parserError {
        case .invalidEOFState: return "the connection ended before the whole body arrived"
        case .invalidChunkSize: return "a chunk size is not a hexadecimal number"
        default: return "malformed HTTP framing: \(parserError)"
        }
    }
}
