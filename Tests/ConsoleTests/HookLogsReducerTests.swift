import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// The hook logs screen and the document view as reducers: keys and answers in, state out.
@Suite struct HookLogsReducerTests {
    static func run(_ id: String, status: String = "completed", annotation: Int? = 7, minute: Int = 0, message: String = "") -> HookLogEntry {
        let start = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_800_000_000 + Double(minute) * 60))
        let failed = status == "failed"
        let json: [String: Any] = [
            "uuid": id, "request_id": id, "hook_id": 3, "event": "annotation_status", "action": "changed", "status": status,
            "status_code": failed ? 500 : 200, "log_level": failed ? "ERROR" : "INFO", "annotation_id": annotation ?? NSNull(),
            "start": start, "end": start, "timestamp": start, "message": message,
            "response": ["messages": [["type": "error", "content": "Supplier not found in MDH"]]],
        ]
        let data = try! JSONSerialization.data(withJSONObject: json)
        return HookLogEntry(try! JSONDecoder().decode(HookRunData.self, from: data))
    }

    /// A hook's settings and request can carry its keys: the run as shown, saved and printed
    /// has them redacted, as the support bundle has; the rest of the run is kept.
    @Test func aRunShowsNoSecrets() throws {
        let json: [String: Any] = [
            "uuid": "s", "request_id": "req-42", "hook_id": 3, "event": "annotation_content", "action": "export", "status": "failed",
            "settings": ["api_token": "SEKRETTOKEN123", "endpoint": "https://erp.example.com"],
            "request": #"{"headers": {"Authorization": "Bearer abcDEF123456"}, "annotation": {"id": 7}}"#,
            "response": #"{"messages": [], "detail": "token=SEKRETTOKEN123 refused"}"#,
        ]
        let entry = HookLogEntry(try JSONDecoder().decode(HookRunData.self, from: JSONSerialization.data(withJSONObject: json)))
        for secret in ["SEKRETTOKEN123", "abcDEF123456"] {
            #expect(!entry.json.contains(secret) && !entry.readable.contains(secret), "\(secret) shown")
            #expect(!Shape.prettyJSON(entry.response ?? .null).contains(secret), "\(secret) in the answer a replay compares")
        }
        #expect(entry.json.contains("req-42") && entry.json.contains("https://erp.example.com") && entry.json.contains(CaseFileBundle.redacted))
    }

    func logs(from state: inout AppState) -> HookLogsRequest {
        let effects = state.press(.char("L"))
        return try! #require(AppState.requests(HookLogsRequest.self, in: effects).first)
    }

    @Test func lFromTheDetailShowsThatAnnotationsRunsAndFiltersMore() throws {
        var state = makeState()
        _ = state.open(DetailScreen(annotationID: 7))
        let request = logs(from: &state)
        #expect(request.filter == HookLogFilter(annotations: [7]) && request.withHookNames)
        #expect(state.top.breadcrumb(state.context()).last == "Hook logs /annotation:7")
        state.answer(request, .success(HookLogsRequest.Answer(entries: [Self.run("b", minute: 2), Self.run("a", status: "failed", minute: 1)],
                                                                hookNames: [3: "MDH supplier matching"])))
        let screen = state.render()
        #expect(screen.contains("Hook runs (2, 1 failed)"))
        #expect(screen.contains("MDH supplier") && screen.contains("failed 500"))
        // `/` adds to the filter; the answer for the old filter is then dropped.
        state.press(.char("/"))
        state.press(.ctrl("u"))
        state.type("annotation:7 status:failed")
        let effects = state.press(.enter)
        let narrowed = try #require(AppState.requests(HookLogsRequest.self, in: effects).first)
        #expect(narrowed.filter == HookLogFilter(annotations: [7], statuses: ["failed"]))
        state.answer(request, .success(HookLogsRequest.Answer(entries: [Self.run("c")], hookNames: nil)))
        #expect((state.top as? HookLogsScreen)?.entries.isEmpty == true)
        state.press(.char("/"))
        state.press(.ctrl("u"))
        state.type("level:loud")
        state.press(.enter)
        if case .filter(_, let error) = state.overlay { #expect(error?.contains("unknown level") == true) } else { Issue.record("the prompt stays open with the error") }
    }

    @Test func followingKeepsTheCursorOnItsRunAndEnterShowsItWhole() throws {
        var state = makeState()
        _ = state.open(HookLogsScreen())
        let request = HookLogsRequest(filter: HookLogFilter(), withHookNames: true)
        state.answer(request, .success(HookLogsRequest.Answer(entries: [Self.run("b", minute: 2), Self.run("a", status: "failed", minute: 1)], hookNames: [:])))
        state.press(.char("j"))
        #expect((state.top as? HookLogsScreen)?.selected?.id == "a")
        // Two new runs arrive on top: the cursor stays on its run and says what came.
        state.answer(request, .success(HookLogsRequest.Answer(entries: [Self.run("d", minute: 4), Self.run("c", minute: 3), Self.run("b", minute: 2),
                                                                         Self.run("a", status: "failed", minute: 1)], hookNames: nil)))
        #expect((state.top as? HookLogsScreen)?.selected?.id == "a")
        #expect(state.render().contains("2 new above"))
        state.press(.char("f"))
        #expect((state.top as? HookLogsScreen)?.following == false)
        #expect(state.render().contains("paused"))
        state.press(.enter)
        let document = try #require(state.top as? DocumentScreen)
        #expect(document.text.contains { $0.contains("Supplier not found in MDH") })
        // `/` searches the text; n moves between matches.
        state.press(.char("/"))
        state.type("status")
        state.press(.enter)
        let first = (state.top as? DocumentScreen)?.match
        #expect(first != nil)
        state.press(.char("n"))
        #expect((state.top as? DocumentScreen)?.match != first)
        #expect(state.render().contains("match 2/"))
        state.press(.escape)
        #expect(state.top is HookLogsScreen)
    }

    /// A full page of runs is the newest 100: at the last one the next older page is read
    /// (`start_before`), appended once, until a page comes back short; a refresh of the newest
    /// page keeps what was read below it.
    @Test func olderRunsAreReadAsTheCursorReachesTheEnd() throws {
        var state = makeState()
        _ = state.open(HookLogsScreen())
        let newest = (0..<100).map { Self.run("n\($0)", minute: 1_000 - $0) }
        state.answer(HookLogsRequest(filter: HookLogFilter(), withHookNames: true), .success(HookLogsRequest.Answer(entries: newest, hookNames: [3: "MDH"])))
        #expect(state.render().contains("Hook runs (newest 100, older as you scroll)"))
        let effects = state.press(.char("G"))
        let older = try #require(AppState.requests(HookLogsRequest.self, in: effects).first { $0.startedBefore != nil })
        #expect(older.startedBefore == newest.last?.started?.addingTimeInterval(0.001))
        #expect(AppState.requests(HookLogsRequest.self, in: state.press(.char("k"), .char("j"))).isEmpty, "one older page at a time")
        // The page repeats the oldest run read (same instant): it is kept once.
        let page = [newest[99]] + (0..<30).map { Self.run("o\($0)", minute: 800 - $0) }
        state.answer(older, .success(HookLogsRequest.Answer(entries: page, hookNames: nil)))
        let screen = try #require(state.top as? HookLogsScreen)
        #expect(screen.entries.count == 130 && screen.reachedOldest)
        #expect(state.render().contains("Hook runs (130)"))
        #expect(AppState.requests(HookLogsRequest.self, in: state.press(.char("G"))).isEmpty, "the oldest has been read")
        // A new run on top: the newest page moves by one; the older runs stay.
        let refreshed = [Self.run("new", minute: 1_001)] + newest.prefix(99)
        state.answer(HookLogsRequest(filter: HookLogFilter(), withHookNames: false), .success(HookLogsRequest.Answer(entries: Array(refreshed), hookNames: nil)))
        #expect((state.top as? HookLogsScreen)?.entries.count == 131)
    }

    /// The found words stand out, not their whole lines: the current match as the selection,
    /// the others in the accent, the rest of the line as text.
    @Test func searchHighlightsTheFoundTextItself() throws {
        var state = makeState(width: 60, height: 12)
        _ = state.open(DocumentScreen(title: "t", crumb: "c", text: "{\n  \"status\": \"failed\", \"STATUS_code\": 500\n  \"other\": 1\n}"))
        state.press(.char("/"))
        state.type("status")
        state.press(.enter)
        let grid = ConsoleRenderer.render(state)
        let theme = state.theme
        func line(_ y: Int) -> String { String((0..<grid.width).map { grid[$0, y].character }) }
        let y = try #require((0..<grid.height).first { line($0).contains("failed") })
        let text = line(y)
        func column(_ word: String) -> Int { text.distance(from: text.startIndex, to: text.range(of: word)!.lowerBound) }
        let (first, second, failed) = (column("status"), column("STATUS"), column("failed"))
        #expect((first..<first + 6).allSatisfy { grid[$0, y].style == theme.style(.selection) }, "the current match")
        #expect((second..<second + 6).allSatisfy { grid[$0, y].style == theme.style(.selection) }, "case-insensitive, every occurrence")
        #expect(grid[failed, y].style == theme.style(.text), "the rest of the line is text")
        #expect(grid[0, y].character == "▸")
        #expect(DocumentScreen.occurrences(of: "aa", in: "aaaa").count == 2, "no overlaps")
    }

    @Test func longLinesAreCutWithAnEllipsisOrWrapped() {
        var state = makeState(width: 40, height: 12)
        let long = String(repeating: "abcdefghij", count: 8)
        _ = state.open(DocumentScreen(title: "t", crumb: "c", text: "first\n" + long + "\nlast"))
        func textLines() -> [Substring] { state.render().split(separator: "\n").filter { $0.contains("abcdefghij") } }
        #expect(textLines().count == 1 && textLines()[0].hasSuffix("…"))
        state.press(.char("w"))
        #expect(textLines().count == 2 && !textLines().contains { $0.contains("…") })
        #expect((state.top as? DocumentScreen)?.displayLines(width: 38).count == 5)
    }
}

extension HookLogsReducerTests {
    /// `R` asks first (the hook's endpoint is called for real), starting on Cancel; then it
    /// replays the selected run and the report opens as a document; read-only has no `R`.
    @Test func rReplaysTheSelectedRunAndReadOnlyCannot() throws {
        var state = makeState()
        _ = state.open(HookLogsScreen())
        let request = HookLogsRequest(filter: HookLogFilter(), withHookNames: true)
        state.answer(request, .success(HookLogsRequest.Answer(entries: [Self.run("a", status: "failed")], hookNames: [3: "ERP export"])))
        #expect(AppState.requests(HookReplayRequest.self, in: state.press(.char("R"))).isEmpty, "nothing is sent before the dialog")
        let (dialog, _) = try #require(state.dialog)
        #expect(dialog.title == "Replay ERP export on #7?" && dialog.message.contains { $0.contains("runs for real") })
        #expect(state.press(.enter).isEmpty, "enter on Cancel sends nothing")
        state.press(.char("R"))
        let replay = try #require(AppState.requests(HookReplayRequest.self, in: state.press(.right, .enter)).first)
        #expect(replay.entry.id == "a" && replay.hookName == "ERP export")
        state.answer(replay, .success("Replay of ERP export on #7\nMessages\n  gone now    [error] Supplier not found in MDH"))
        let document = try #require(state.top as? DocumentScreen)
        #expect(document.text.contains("  gone now    [error] Supplier not found in MDH"))

        var readOnly = makeState(readOnly: true)
        _ = readOnly.open(HookLogsScreen())
        readOnly.answer(request, .success(HookLogsRequest.Answer(entries: [Self.run("a")], hookNames: [:])))
        #expect(readOnly.press(.char("R")).isEmpty)
        #expect(!readOnly.hintEntries().contains { $0.action == HookLogAction.replay })
    }

    /// The comparison: messages kept, gone and new, and whether the operations changed.
    @Test func theReportSaysWhatChanged() throws {
        let entry = Self.run("a")
        let report = HookReplayReport.text(hook: "MDH", entry: entry, replayed: .answered([
            "messages": .array([.object(["type": .string("warning"), "content": .string("Supplier matched by VAT id")])]),
            "operations": .array([]),
        ]))
        #expect(report.contains("  gone now    [error] Supplier not found in MDH"))
        #expect(report.contains("  new now     [warning] Supplier matched by VAT id"))
        #expect(report.contains("Operations   logged 0, now 0 (the same)"))
    }
}

extension HookLogsReducerTests {
    /// `S` saves the runs listed as one JSON array to a new file; an existing file is kept.
    @Test func sSavesTheRunsToANewFileAndNeverReplacesOne() async throws {
        var state = makeState()
        _ = state.open(HookLogsScreen())
        state.answer(HookLogsRequest(filter: HookLogFilter(), withHookNames: true),
                     .success(HookLogsRequest.Answer(entries: [Self.run("a"), Self.run("b", status: "failed")], hookNames: [:])))
        state.press(.char("S"))
        let (dialog, _) = try #require(state.dialog)
        #expect(dialog.value(0) == "hook-runs.json")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runs.json").path
        state.press(.ctrl("u"))
        state.type(path)
        state.press(.enter)  // from the field to Save
        let save = try #require(AppState.requests(SaveTextRequest.self, in: state.press(.enter)).first)
        let services = ConsoleServices(client: try RossumClient(baseURL: "http://127.0.0.1:9/api/v1", credentials: .token("t")), logger: .init(label: "test"))
        #expect(try await save.fetch(services) == path)
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]]
        #expect(saved?.compactMap { $0["uuid"] as? String } == ["a", "b"])
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600, "hook runs hold customers' documents: the file is the person's alone")
        await #expect(throws: ConsoleFailure.self) { try await save.fetch(services) }
        let nowhere = SaveTextRequest(path: folder.appendingPathComponent("missing/runs.json").path, text: "x")
        do {
            _ = try await nowhere.fetch(services)
            Issue.record("saved into a folder that does not exist")
        } catch {
            #expect(error.message.hasSuffix("there is no folder \(folder.appendingPathComponent("missing").path)"))
        }
        state.answer(save, .failure(ConsoleFailure(kind: .badInput, message: "\(path) exists; choose another name")))
        #expect(state.flash?.text == "not saved: \(path) exists; choose another name")
    }
}

extension HookLogsReducerTests {
    /// Log text is full of colons; hooks have names; a key with no value is a mistake.
    @Test func theFilterTakesErrorTextHookNamesQuotesAndComposedText() throws {
        #expect(try HookLogFilter.parse("KeyError: 'sender").text == "KeyError: 'sender")
        #expect(try HookLogFilter.parse("\"status: 500\" level:error") == HookLogFilter(levels: ["ERROR"], text: "status: 500"))
        let names = [4: "ERP export", 3: "MDH supplier matching", 5: "ERP audit"]
        #expect(try HookLogFilter.parse("hook:mdh", hookNames: names).hooks == [3])
        #expect(try HookLogFilter.parse("hook:4", hookNames: names).hooks == [4])
        #expect(throws: HookLogFilter.ParseError.self) { try HookLogFilter.parse("hook:erp", hookNames: names) }
        do {
            _ = try HookLogFilter.parse("hook:erp", hookNames: names)
        } catch {
            #expect(error.description.contains("names several hooks") && error.description.contains("ERP export (4)"))
        }
        #expect(throws: HookLogFilter.ParseError.self) { try HookLogFilter.parse("annotation:") }
        #expect(try HookLogFilter.parse("Fro\u{308}hlich").text.unicodeScalars.count == "Fröhlich".unicodeScalars.count)
        #expect(throws: AnnotationFilter.ParseError.self) { try AnnotationFilter.parse("status:") }
        #expect(try AnnotationFilter.parse("\"INV: 12\" status:to_review") == AnnotationFilter(statuses: ["to_review"], text: "INV: 12"))
    }
}
