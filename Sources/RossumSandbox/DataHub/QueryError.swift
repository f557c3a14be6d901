/// A query, projection, sort, pipeline or update the engine cannot accept; reported to the
/// client as a 400 with this message.
struct QueryError: Error, Sendable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
