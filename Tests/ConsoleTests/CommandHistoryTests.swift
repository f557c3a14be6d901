import Foundation
import Logging
import RossumKit
import Testing
import TerminalUI
@testable import Console

@Suite struct CommandHistoryTests {
    var promptText: (AppState) -> String? = { state in
        if case .commandLine(let prompt) = state.overlay { return prompt.text }
        return nil
    }

    func enter(_ line: String, _ state: inout AppState) {
        state.press(.char(":"))
        state.type(line)
        state.press(.enter)
    }

    @Test func enteredLinesComeBackWithUpInTheNextPrompt() {
        var state = makeState()
        state.loadTree()
        state.commandHistory = ["ds"]
        for line in ["queue 12", "bogus"] { enter(line, &state) }
        #expect(state.commandHistory == ["ds", "queue 12", "bogus"], "a mistyped line is kept, to be fixed with up")
        for line in ["ws", "ws"] { enter(line, &state) }
        #expect(state.commandHistory == ["ds", "queue 12", "bogus", "ws"], "no repeats in a row")

        state.press(.char(":"))
        state.type("an")
        state.press(.up, .up, .up)
        #expect(promptText(state) == "queue 12")
        state.press(.down, .down, .down)
        #expect(promptText(state) == "an")
        state.press(.up, .up, .up)
        state.press(.enter)
        #expect(state.list?.queue.id == 12, "a recalled line runs like a typed one")
    }

    @Test func escapeKeepsNothing() {
        var state = makeState()
        state.press(.char(":"))
        state.type("queue 12")
        state.press(.escape)
        #expect(state.commandHistory.isEmpty)
    }

    @Test func theSessionKeepsTheHistoryWhenALineIsEntered() throws {
        var saved: [[String]] = []
        // Never contacted: `:help` runs no effect on the server.
        let client = try RossumClient(baseURL: "https://unused.invalid/api/v1", credentials: .token("unused-token"))
        let runner = EffectRunner(services: ConsoleServices(client: client, logger: Logger(label: "test"))) { _ in }
        let session = ConsoleSession(state: makeState(), runner: runner, loadTheme: { _ in BuiltinThemes.default })
        session.saveCommandHistory = { saved.append($0) }
        session.apply(.key(.char(":")))
        for character in "help" { session.apply(.key(.char(character))) }
        #expect(saved.isEmpty, "nothing is written while typing")
        session.apply(.key(.enter))
        #expect(saved == [["help"]])
        session.apply(.key(.char("j")))
        #expect(saved.count == 1)
    }
}

@Suite struct CommandHistoryFileTests {
    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func roundTripInAPrivateFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = CommandHistoryFile(path: directory + "/state/rossum-tui/command-history")
        #expect(file.read().isEmpty, "no file yet: no history")
        let lines = ["queue Invoices EU", "ann 456", "theme light", "ann 456", "profile prod"]
        #expect(file.write(lines) == nil)
        #expect(file.read() == lines)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(file.write((0..<300).map { "ann \($0)" }) == nil)
        #expect(file.read().count == 200 && file.read().first == "ann 100")
    }

    @Test func aLooseModeIsTightenedOnTheNextWrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = CommandHistoryFile(path: directory + "/command-history")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("ws\n".utf8), attributes: [.posixPermissions: 0o644]))
        #expect(file.write(["ws", "ops"]) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func garbageAndUnreadableFilesLoseNothingAndDoNotCrash() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = CommandHistoryFile(path: directory + "/command-history")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data([0xff, 0xfe, 0x00, 0x9f, 0x0a, 0xc3])))
        #expect(file.read().isEmpty, "not UTF-8: no history")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("ws\n\u{1b}[31mred\nqueue 12\r\n\n\nops".utf8)))
        #expect(file.read() == ["ws", "queue 12", "ops"], "lines with control characters are dropped, the rest kept")
        // A folder where the file should be: nothing to read, and writing says why.
        let folder = CommandHistoryFile(path: directory)
        #expect(folder.read().isEmpty)
        #expect(folder.write(["ws"]) != nil)
        // A parent that is a file: the write fails with a reason.
        let blocked = CommandHistoryFile(path: file.path + "/command-history")
        #expect(blocked.write(["ws"]) != nil)
    }
}
