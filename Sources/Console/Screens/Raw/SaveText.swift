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
/// person's is lost by a mistyped name); a missing folder or a refusal is said. The file is
/// the person's alone (0600): hook runs and case files hold customers' documents. The answer
/// is the whole path, so the flash says where it went.
public struct SaveTextRequest: DataRequest {
    public var path: String
    public var text: String

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String {
        var path = (path as NSString).expandingTildeInPath
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        path = (path as NSString).standardizingPath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ConsoleFailure(kind: .badInput, message: "\(path) exists; choose another name")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ConsoleFailure(kind: .badInput, message: "cannot write \(path): there is no folder \(folder)")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConsoleFailure(kind: .badInput, message: "cannot write \(path): the folder does not let you")
        }
        return path
    }
}
