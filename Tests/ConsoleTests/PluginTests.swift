import Foundation
import Logging
import RossumJobs
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// Plugins from the config: checked, bound, asked about, run with the selection in the
/// environment, and the token only when asked for.
@Suite struct PluginTests {
    static let config: [String: PluginConfig] = [
        "env": PluginConfig(key: "ctrl-e", scopes: ["list", "detail"], command: "env > \"$OUT\"", description: "Write the environment"),
        "purge": PluginConfig(key: "P", scopes: ["list"], command: "true", description: "Purge them", dangerous: true),
    ]

    func state(readOnly: Bool = false) throws -> AppState {
        let plugins = try Plugin.all(config: Self.config)
        var state = makeState(readOnly: readOnly)
        state.keyMap = try ConsoleAction.keyMap(readOnly: readOnly, plugins: plugins)
        state.plugins = plugins
        state.openQueueWithRows(rows: sampleRows(1...5))
        return state
    }

    func runs(_ effects: [Effect]) -> [PluginRun] {
        effects.compactMap { if case .runPlugin(let run) = $0 { return run } else { return nil } }
    }

    @Test func aPluginRunsOnTheMarksOrTheSelectionWithItsQueue() throws {
        var state = try state()
        var started = runs(state.press(.ctrl("e")))
        #expect(started.map(\.annotationIDs) == [[1]] && started.first?.queueID == 11)
        state.press(.space, .space)
        started = runs(state.press(.ctrl("e")))
        #expect(started.first?.annotationIDs.sorted() == [1, 2])
        #expect(state.flash?.text == "plugin env running on #1, #2…" || state.flash?.text == "plugin env running on #2, #1…")
        // Help and the hint bar name it.
        #expect(FooterView.hints(state).map(\.0).contains("ctrl-e"))
        state.press(.char("?"))
        #expect(ConsoleRenderer.render(state).plainText().contains("Write the environment"))
    }

    @Test func aDangerousPluginAsksFirstAndIsGoneInReadOnlyMode() throws {
        var state = try state()
        #expect(state.press(.char("P")).isEmpty)
        let (dialog, purpose) = try #require(state.dialog)
        #expect(dialog.title == "Run plugin purge?")
        #expect(purpose == .plugin(PluginRun(plugin: state.plugins[1], annotationIDs: [1], queueID: 11)))
        #expect(state.press(.enter).isEmpty, "it starts on Cancel")
        state.press(.char("P"), .tab)
        #expect(runs(state.press(.enter)).map(\.plugin.name) == ["purge"])

        var readOnly = try self.state(readOnly: true)
        #expect(readOnly.press(.char("P")).isEmpty)
        #expect(readOnly.dialog == nil)
        #expect(readOnly.flash?.text == "read-only mode: purge them is switched off")
        #expect(!FooterView.hints(readOnly).map(\.0).contains("P"))
        let purge = try #require(readOnly.plugins[1].actions.first?.id)
        #expect(readOnly.perform(purge).isEmpty, "however it is reached")
        #expect(!runs(readOnly.press(.ctrl("e"))).isEmpty, "a harmless one still runs")
    }

    @Test func theOutcomeIsSaidAndTheOutputShown() throws {
        var state = try state()
        state.send(.pluginFinished(PluginOutcome(name: "env", status: 0, output: "A=1\nB=2\n")))
        let document = try #require(state.top as? DocumentScreen)
        #expect(document.text.joined(separator: "\n").contains("B=2"))
        #expect(state.flash?.text == "plugin env finished; its output is shown (esc goes back)")
        state.send(.pluginFinished(PluginOutcome(name: "vim", status: 3)))
        #expect(state.flash?.text == "plugin vim failed (exit 3)" && state.flash?.level == .error)
    }

    @Test func badConfigNamesThePlugin() {
        func problem(_ entry: PluginConfig) -> String? {
            do {
                _ = try Plugin.all(config: ["mine": entry])
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem(PluginConfig(scopes: ["list"], command: "x")) == "plugins.mine: no key (key: ctrl-e, say)")
        #expect(problem(PluginConfig(key: "ctrl-e", scopes: ["list"])) == "plugins.mine: no command (command: \"echo $ROSSUM_ANNOTATION_IDS\", say)")
        #expect(problem(PluginConfig(key: "ctrl-e", scopes: ["lists"], command: "x"))?.hasPrefix("plugins.mine: unknown scope \"lists\"") == true)
        #expect(problem(PluginConfig(key: "c", scopes: ["list"], command: "x")) == "plugins.mine: key c is \"Confirm\" in list; choose another")
        #expect(problem(PluginConfig(key: "j", scopes: ["tree"], command: "x"))?.contains("\"Move down\" in tree") == true)
        #expect(problem(PluginConfig(key: "ctrl-e", scopes: ["list"], command: "x")) == nil)
    }

    /// The real thing: a background plugin that writes its environment to a file.
    @Test func theEnvironmentHasTheSelectionAndTheTokenOnlyWhenAsked() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let client = try RossumClient(baseURL: "https://unused.invalid/api/v1", credentials: .token("secret-token"))
        let services = ConsoleServices(client: client, logger: Logger(label: "test"))
        func run(needsToken: Bool) async throws -> [String: String] {
            let out = directory + "/env-\(needsToken)"
            let plugin = Plugin(name: "env", key: .ctrl("e"), scopes: [ConsoleScope.list], command: "env > '\(out)'",
                                description: "", background: true, dangerous: false, needsToken: needsToken)
            let outcome = await EffectRunner.runInBackground(PluginRun(plugin: plugin, annotationIDs: [3, 5], queueID: 11), services)
            #expect(outcome.status == 0 && outcome.failure == nil)
            let text = try String(contentsOfFile: out, encoding: .utf8)
            return Dictionary(text.split(separator: "\n").compactMap { line in
                line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
            }, uniquingKeysWith: { first, _ in first })
        }
        let plain = try await run(needsToken: false)
        #expect(plain["ROSSUM_ANNOTATION_IDS"] == "3,5")
        #expect(plain["ROSSUM_QUEUE_ID"] == "11")
        #expect(plain["ROSSUM_BASE_URL"] == "https://unused.invalid/api/v1")
        #expect(plain["ROSSUM_TOKEN"] == nil)
        #expect(try await run(needsToken: true)["ROSSUM_TOKEN"] == "secret-token")
        // Credentials the console itself was started with never pass on.
        let inherited = PluginProcess.environment(PluginRun(plugin: try Plugin.all(config: Self.config)[0], annotationIDs: [], queueID: nil),
                                                  baseURL: "b", token: "t", inherited: ["ROSSUM_TOKEN": "mine", "ROSSUM_PASSWORD": "pw", "HOME": "/h"])
        #expect(inherited["ROSSUM_TOKEN"] == nil && inherited["ROSSUM_PASSWORD"] == nil && inherited["HOME"] == "/h")
    }
}
