import Foundation
import Testing
import TerminalUI
@testable import Console

/// `aliases:` from the config: expanded at the `:` line, offered by tab, listed in help.
@Suite struct CommandAliasTests {
    @Test func anAliasRunsWhatItStandsForWithWhatFollowsIt() throws {
        var state = makeState()
        state.loadTree()
        state.aliases = try CommandAliases(config: ["inv": "find status:to_review", "QQ": ":queue"])
        state.press(.char(":"))
        state.type("inv acme")
        state.press(.enter)
        let list = try #require(state.list)
        #expect(list.query.filter == (try AnnotationFilter.parse("status:to_review acme")))
        #expect(state.commandHistory.last == "inv acme", "the history keeps what was typed")
        state.press(.char(":"))
        state.type(":qq 12")
        state.press(.enter)
        #expect(state.list?.queue.id == 12)
    }

    @Test func tabCompletesAliasesAndHelpListsThem() throws {
        var state = makeState()
        state.loadTree()
        state.aliases = try CommandAliases(config: ["invoices": "find status:to_review"])
        state.press(.char(":"))
        state.type("invo")
        state.press(.tab)
        if case .commandLine(let prompt) = state.overlay { #expect(prompt.text.hasPrefix("invoices")) } else { Issue.record("no prompt") }
        state.press(.escape)
        state.press(.char("?"))
        #expect(state.helpNotes().contains("Aliases (config.yaml)"))
        #expect(state.helpNotes().contains { $0.contains(":invoices") && $0.contains("= :find status:to_review") })
    }

    @Test func anAliasMayNotHideABuiltInOrPointNowhere() {
        #expect(throws: ConfigValueError.self) { try CommandAliases(config: ["fe": "failed-exports"]) }
        do {
            _ = try CommandAliases(config: ["fe": "failed-exports"])
        } catch {
            #expect(error.description == "aliases: \"fe\" is the built-in command :failed-exports; choose another name")
        }
        do {
            _ = try CommandAliases(config: ["x": "frobnicate 3"])
        } catch {
            #expect(error.description.hasPrefix("aliases.x: \"frobnicate 3\" does not start with a command"))
        }
        do {
            _ = try CommandAliases(config: ["a b": "ws"])
        } catch {
            #expect(error.description.contains("is not a command name"))
        }
    }
}
