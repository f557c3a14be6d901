import Testing
@testable import TerminalUI

@Suite struct PromptHistoryTests {
    func prompt(history: [String], completions: [String: [String]] = [:]) -> CommandPrompt {
        CommandPrompt(completions: ["queue", "quit", "theme"], argumentCompletions: completions, history: PromptHistory(history))
    }

    func type(_ text: String, into prompt: inout CommandPrompt) {
        for character in text { _ = prompt.handle(.char(character)) }
    }

    @Test func upGoesOlderDownNewerThenBackToWhatWasTyped() {
        var prompt = prompt(history: ["ws", "queue 12", "ann 7"])
        type("dat", into: &prompt)
        _ = prompt.handle(.up)
        #expect(prompt.text == "ann 7")
        _ = prompt.handle(.up)
        _ = prompt.handle(.up)
        #expect(prompt.text == "ws")
        _ = prompt.handle(.up)
        #expect(prompt.text == "ws", "the oldest line stays")
        _ = prompt.handle(.down)
        #expect(prompt.text == "queue 12")
        _ = prompt.handle(.down)
        _ = prompt.handle(.down)
        #expect(prompt.text == "dat", "down past the newest brings back the draft")
        _ = prompt.handle(.down)
        #expect(prompt.text == "dat")
        #expect(prompt.handle(.enter) == .submitted("dat"))
    }

    @Test func anEditedLineIsTheDraftOfTheNextWalk() {
        var prompt = prompt(history: ["ws", "queue 12"])
        _ = prompt.handle(.up)
        _ = prompt.handle(.backspace)
        type("3", into: &prompt)
        #expect(prompt.text == "queue 13")
        _ = prompt.handle(.up)
        #expect(prompt.text == "queue 12")
        _ = prompt.handle(.down)
        #expect(prompt.text == "queue 13", "nothing typed is lost")
    }

    @Test func noHistoryLeavesTheTextAlone() {
        var prompt = prompt(history: [])
        type("qu", into: &prompt)
        _ = prompt.handle(.up)
        _ = prompt.handle(.down)
        #expect(prompt.text == "qu")
    }

    @Test func recordingKeepsNoBlanksNoRepeatsInARowAndTheNewest200() {
        var lines: [String] = []
        for line in ["ws", "ws", "  ", "queue 12", "ws", " ws "] { lines = PromptHistory.recording(line, in: lines) }
        #expect(lines == ["ws", "queue 12", "ws"])
        for n in 0..<250 { lines = PromptHistory.recording("ann \(n)", in: lines) }
        #expect(lines.count == PromptHistory.limit)
        #expect(lines.first == "ann 50" && lines.last == "ann 249")
        #expect(PromptHistory(["a", "a", "", "b"]).entries == ["a", "b"])
    }

    @Test func argumentsCompleteAfterTheirCommandWord() {
        let queues = ["Invoices EU", "Invoices US", "Delivery notes", "Accounts Payable/Invoices EU"]
        var prompt = prompt(history: [], completions: ["queue": queues, "q": queues])
        type("queue inv", into: &prompt)
        _ = prompt.handle(.tab)
        #expect(prompt.text == "queue Invoices ")
        _ = prompt.handle(.tab)
        #expect(prompt.text == "queue Invoices EU")
        #expect(prompt.candidateLabels == ["Invoices EU", "Invoices US"])
        _ = prompt.handle(.tab)
        #expect(prompt.text == "queue Invoices US")
        _ = prompt.handle(.ctrl("u"))
        type("q del", into: &prompt)
        _ = prompt.handle(.tab)
        #expect(prompt.text == "q Delivery notes", "one match: completed, with no space after an argument")
        _ = prompt.handle(.ctrl("u"))
        type("theme x", into: &prompt)
        _ = prompt.handle(.tab)
        #expect(prompt.text == "theme x", "a command without values completes nothing")
        #expect(prompt.matches(for: "q") == ["queue", "quit"], "the first word still completes commands")
    }
}
