import Foundation
import RossumKit

/// Runs one annotation command; answers the annotation's status afterwards when known.
public struct AnnotationCommandRequest: DataRequest {
    public var command: AnnotationCommand
    public var id: Int
    /// The bulk run this item belongs to, for its per-item report.
    public var bulkID: Int?

    public init(command: AnnotationCommand, id: Int, bulkID: Int?) {
        self.command = command
        self.id = id
        self.bulkID = bulkID
    }

    public var description: String { "\(command.verb) #\(id)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String? {
        let client = services.client
        let id = self.id
        let result: Result<String?, ConsoleFailure> = await {
            do {
                // Status actions run at most once (RossumKit reads the status before sending
                // and after a lost answer); the answer is the status they left.
                switch command {
                case .confirm: return .success(try await client.annotations.perform(.confirm, on: id).status)
                case .postpone: return .success(try await client.annotations.perform(.postpone, on: id).status)
                case .reject(let note):
                    let body: JSONValue? = note.isEmpty ? nil : ["note_content": .string(note)]
                    return .success(try await client.annotations.perform(.reject, on: id, body: body).status)
                case .delete: return .success(try await client.annotations.perform(.delete, on: id).status)
                case .start: _ = try await client.annotations.start(id)
                case .requeue: return .success(try await client.annotations.requeue(id).status?.rawValue)
                case .retryExport: return .success(try await client.annotations.retryExport(id).status?.rawValue)
                }
                return .success(try? await client.annotations.retrieve(id).status?.rawValue)
            } catch {
                return .failure(ConsoleFailure(error))
            }
        }()
        if case .failure(let failure) = result { services.logger.warning("\(command.verb) #\(id) failed: \(failure)") }
        return try result.get()
    }
}
