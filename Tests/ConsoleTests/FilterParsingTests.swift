import Testing
@testable import Console

@Suite struct FilterParsingTests {
    @Test func statusIdAndTextCombine() throws {
        let filter = try AnnotationFilter.parse("status:to_review,post id:12 acme  invoice")
        #expect(filter.statuses == ["to_review", "postponed"])
        #expect(filter.ids == [12])
        #expect(filter.text == "acme invoice")
        #expect(filter.description == "status:to_review,postponed id:12 acme invoice")
    }

    @Test func statusSpellingsAreForgiving() throws {
        #expect(try AnnotationFilter.parse("status:to-review").statuses == ["to_review"])
        #expect(try AnnotationFilter.parse("s:failedexport").statuses == ["failed_export"])
        #expect(try AnnotationFilter.parse("status:exported").statuses == ["exported"])
    }

    @Test func badInputSaysWhatToType() {
        #expect(throws: AnnotationFilter.ParseError.unknownStatus("bogus")) { try AnnotationFilter.parse("status:bogus") }
        #expect(throws: AnnotationFilter.ParseError.badID("x1")) { try AnnotationFilter.parse("id:x1") }
        #expect(throws: AnnotationFilter.ParseError.unknownKey("owner")) { try AnnotationFilter.parse("owner:me") }
        // An ambiguous prefix ("ex" = exporting/exported) is not guessed.
        #expect(throws: AnnotationFilter.ParseError.unknownStatus("ex")) { try AnnotationFilter.parse("status:ex") }
    }

    @Test func timesAndURLsStayText() throws {
        #expect(try AnnotationFilter.parse("12:30").text == "12:30")
        #expect(try AnnotationFilter.parse("https://x/y").text == "https://x/y")
    }

    @Test func matchesLoadedRows() throws {
        let row = AnnotationRow(id: 7, status: "to_review", fileName: "ACME invoice 7.pdf", fields: ["supplier": "Acme Corp"])
        #expect(try AnnotationFilter.parse("acme").matches(row))
        #expect(try AnnotationFilter.parse("status:to_review id:7").matches(row))
        #expect(!(try AnnotationFilter.parse("status:postponed").matches(row)))
        #expect(!(try AnnotationFilter.parse("globex").matches(row)))
    }
}

@Suite struct CommandLineTests {
    @Test func aliases() throws {
        #expect(try CommandLineRequest.parse("ws") == .workspaces)
        #expect(try CommandLineRequest.parse(":queues") == .workspaces)
        #expect(try CommandLineRequest.parse("queue 123") == .queue(123))
        #expect(try CommandLineRequest.parse("ann #456") == .annotation(456))
        #expect(try CommandLineRequest.parse("datasets") == .datasets)
        #expect(try CommandLineRequest.parse("ops") == .operations)
        #expect(try CommandLineRequest.parse("profile prod") == .profile("prod"))
        #expect(try CommandLineRequest.parse("theme light") == .theme("light"))
        #expect(try CommandLineRequest.parse("q") == .quit)
    }

    @Test func errorsExplain() {
        #expect(throws: CommandLineRequest.ParseError.badNumber(command: "queue", value: "abc")) { try CommandLineRequest.parse("queue abc") }
        #expect(throws: CommandLineRequest.ParseError.missingArgument(command: "ann", example: "ann 456")) { try CommandLineRequest.parse("ann") }
        #expect(throws: CommandLineRequest.ParseError.unknown("frobnicate")) { try CommandLineRequest.parse("frobnicate") }
        #expect(throws: CommandLineRequest.ParseError.empty) { try CommandLineRequest.parse("  ") }
    }

    @Test func completion() {
        #expect(CommandLineRequest.completions(for: "da") == ["datasets"])
        #expect(CommandLineRequest.completions(for: ":q").contains("queue"))
        #expect(CommandLineRequest.completions(for: "queue 1").isEmpty)
    }
}
