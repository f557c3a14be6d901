import Foundation
import TerminalUI

/// `S`: what a screen shows whole (a document, the hook runs listed) written to a file.
public enum SaveAction {
    public static let save: ActionID = "app.save"

    public static let all: [Action] = [
        Action(save, "Save what is shown to a file", keys: [.char("S")]),
    ]
}

/// What `S` writes: a suggested file name and the text.
public struct SavableText: Sendable, Hashable {
    public var suggestedName: String
    public var text: String

    public init(suggestedName: String, text: String) {
        self.suggestedName = suggestedName
        self.text = text
    }
}

/// Writes the text to a new file. An existing file is never replaced (nothing of the
/// person's is lost by a mistyped name); a missing folder or a refusal is said.
public struct SaveTextRequest: DataRequest {
    public var path: String
    public var text: String

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String {
        let path = ((path as NSString).expandingTildeInPath as NSString).standardizingPath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ConsoleFailure(kind: .badInput, message: "\(path) exists; choose another name")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw ConsoleFailure(kind: .badInput, message: "cannot write \(path): \((error as NSError).localizedDescription)")
        }
        return path
    }
}
