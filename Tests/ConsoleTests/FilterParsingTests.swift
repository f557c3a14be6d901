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
    func name(_ line: String) throws -> (String, String?) {
        let (entry, argument) = try ScreenRegistry.parse(line)
        return (entry.names[0], argument)
    }

    @Test func aliasesComeFromTheRegistry() throws {
        #expect(try name("ws") == ("ws", nil))
        #expect(try name(":queues") == ("ws", nil))
        #expect(try name("queue 123") == ("queue", "123"))
        #expect(try name("q 12") == ("queue", "12"))
        #expect(try name("queue Invoices EU") == ("queue", "Invoices EU"), "not a number: a name")
        #expect(try name("ann #456") == ("ann", "456"))
        #expect(try name("datasets") == ("datasets", nil))
        #expect(try name("ops") == ("ops", nil))
        #expect(try name("profile prod") == ("profile", "prod"))
        #expect(try name("theme light") == ("theme", "light"))
        #expect(try name("q") == ("quit", nil))
    }

    @Test func errorsExplain() {
        #expect(throws: ScreenRegistry.ParseError.badNumber(usage: ":queue ID|NAME", value: "#0")) { try ScreenRegistry.parse("queue #0") }
        #expect(ScreenRegistry.ParseError.missingArgument(usage: ":queue ID|NAME").description == ":queue ID|NAME needs its argument, e.g. :queue 123")
        #expect(throws: ScreenRegistry.ParseError.badNumber(usage: ":ann ID", value: "-4")) { try ScreenRegistry.parse("ann -4") }
        #expect(throws: ScreenRegistry.ParseError.missingArgument(usage: ":ann ID")) { try ScreenRegistry.parse("ann") }
        #expect(throws: ScreenRegistry.ParseError.unexpectedArgument(usage: ":ws")) { try ScreenRegistry.parse("ws 3") }
        #expect(throws: ScreenRegistry.ParseError.unknown("frobnicate")) { try ScreenRegistry.parse("frobnicate") }
        #expect(throws: ScreenRegistry.ParseError.empty) { try ScreenRegistry.parse("  ") }
        #expect(ScreenRegistry.ParseError.missingArgument(usage: ":ann ID").description == ":ann ID needs its argument, e.g. :ann 123")
    }

    @Test func completionAndHelpCoverEveryEntry() {
        let words = ScreenRegistry.completionWords
        #expect(words.filter { $0.hasPrefix("da") } == ["datasets"])
        for entry in ScreenRegistry.entries {
            #expect(words.contains(entry.names[0]))
            #expect(ScreenRegistry.helpNotes.contains { $0.contains(entry.usage) })
        }
    }

    @Test func pollIntervalsFromTheConfig() throws {
        let intervals = try RefreshIntervals(config: ["list": 3, "monitor": 1])
        #expect(intervals.list == 3 && intervals.monitor == 2 && intervals.tree == 10)
        #expect(throws: ConfigValueError.self) { try RefreshIntervals(config: ["lists": 3]) }
        #expect(throws: ConfigValueError.self) { try RefreshIntervals(config: ["list": -1]) }
    }

    @Test func fieldAndFileConditionsGoToTheSearch() throws {
        let filter = try AnnotationFilter.parse(#"field.document_id:INV-2024-001 field.sender_name:"ACME corp" file:scan_* field.amount_total:1,234.50 unpaid"#)
        #expect(filter.conditions == [
            SearchCondition(target: .field("document_id"), value: "INV-2024-001"),
            SearchCondition(target: .field("sender_name"), value: "ACME corp"),
            SearchCondition(target: .fileName, value: "scan_", prefix: true),
            SearchCondition(target: .field("amount_total"), value: "1,234.50"),
        ])
        #expect(filter.text == "unpaid" && filter.needsSearch)
        #expect(filter.conditions.map(\.apiKey) == ["field.document_id.string", "field.sender_name.string", "original_file_name", "field.amount_total.string"])
        #expect(filter.conditions.map(\.apiOperator) == ["$eq", "$eq", "$startsWith", "$eq"])
        #expect(filter.description == #"field.document_id:INV-2024-001 field.sender_name:"ACME corp" file:scan_* field.amount_total:1,234.50 unpaid"#)
        #expect(try AnnotationFilter.parse(filter.description) == filter, "the written-back line parses to the same filter")
        #expect(!(try AnnotationFilter.parse("status:to_review id:3").needsSearch))
    }

    @Test func badConditionsSayWhatToType() {
        #expect(throws: AnnotationFilter.ParseError.emptyValue("field.document_id")) { try AnnotationFilter.parse("field.document_id:") }
        #expect(throws: AnnotationFilter.ParseError.emptyValue("file")) { try AnnotationFilter.parse(#"file:"""#) }
        #expect(throws: AnnotationFilter.ParseError.shortPrefix("file")) { try AnnotationFilter.parse("file:a*") }
        #expect(AnnotationFilter.ParseError.shortPrefix("file").description.contains("file:AB*"))
        #expect(throws: AnnotationFilter.ParseError.badField("field.")) { try AnnotationFilter.parse("field.:x") }
        #expect(throws: AnnotationFilter.ParseError.badField("field.a/b")) { try AnnotationFilter.parse("field.a/b:x") }
        #expect(throws: AnnotationFilter.ParseError.unclosedQuote) { try AnnotationFilter.parse(#"field.sender_name:"unclosed"#) }
        #expect(throws: AnnotationFilter.ParseError.unclosedQuote) { try AnnotationFilter.parse(#"acme "gmbh"#) }
    }

    @Test func conditionsMatchLoadedRows() throws {
        let row = AnnotationRow(id: 7, status: "to_review", fileName: "scan_7.pdf", fields: ["document_id": "INV-7"])
        #expect(try AnnotationFilter.parse("field.document_id:INV-7 file:scan*").matches(row))
        #expect(!(try AnnotationFilter.parse("field.document_id:INV-8").matches(row)))
        #expect(!(try AnnotationFilter.parse("file:invoice*").matches(row)))
        #expect(try AnnotationFilter.parse("field.due_date:2024-01-01").matches(row), "a field the row does not carry is the server's to judge")
    }
}
