import TerminalUI

/// The object under the cursor of a screen, as `J` (raw JSON) and `Y` (copy) see it.
public struct SelectedObject: Sendable, Hashable {
    /// `annotation`, `queue`, `workspace`, `hook`.
    public var kind: String
    public var id: Int
    /// Relative to the API base: `annotations/123`.
    public var apiPath: String
    /// Where a person opens it in the web app (an annotation's page), when it has one:
    /// the link worth pasting into a ticket, so `Y` copies it first.
    public var webURL: String?

    public init(kind: String, id: Int, apiPath: String, webURL: String? = nil) {
        self.kind = kind
        self.id = id
        self.apiPath = apiPath
        self.webURL = webURL
    }
}

/// The keys that work on whatever is selected, on every screen.
public enum RawAction {
    public static let showJSON: ActionID = "app.raw_json"
    public static let copy: ActionID = "app.copy"

    /// `Y`, not `y`: `y` confirms a dialog that starts on its action and duplicates a line item.
    public static let all: [Action] = [
        Action(showJSON, "Raw JSON of the selection", keys: [.char("J")]),
        Action(copy, "Copy link (a document: its text)", keys: [.char("Y")]),
    ]
}

/// The object as the API has it now, pretty-printed, for the document view.
public struct RawObjectRequest: DataRequest {
    public var object: SelectedObject

    public init(object: SelectedObject) { self.object = object }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String {
        let client = services.client
        let path = object.apiPath
        return try await services.attempt { Shape.prettyJSON(try await client.requestJSON("GET", path)) }
    }
}
