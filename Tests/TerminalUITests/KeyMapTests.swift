import Testing
@testable import TerminalUI

@Suite struct KeyNameTests {
    @Test func parsesNamesFromConfig() throws {
        #expect(try KeyName.parse("ctrl-r") == Key.ctrl("r"))
        #expect(try KeyName.parse("C-R") == Key.ctrl("r"))
        #expect(try KeyName.parse("alt-x") == Key.alt("x"))
        #expect(try KeyName.parse("enter") == Key.enter)
        #expect(try KeyName.parse("f5") == Key(.function(5)))
        #expect(try KeyName.parse("shift-tab") == Key.backTab)
        #expect(try KeyName.parse("G") == Key.char("G"))
        #expect(try KeyName.parse("shift-g") == Key.char("G"))
        #expect(try KeyName.parse("space") == Key.space)
        #expect(try KeyName.parse("?") == Key.char("?"))
        #expect(try KeyName.parse("-") == Key.char("-"))
        #expect(try KeyName.parse("pgdn") == Key.pageDown)
        #expect(throws: KeyNameError.invalid("hyper-x")) { try KeyName.parse("hyper-x") }
        #expect(throws: KeyNameError.invalid("f99")) { try KeyName.parse("f99") }
        #expect(throws: KeyNameError.invalid("")) { try KeyName.parse("") }
    }

    @Test func namesRoundTrip() throws {
        for name in ["ctrl-r", "alt-x", "enter", "f5", "shift-tab", "G", "space", "esc", "pgup", "?"] {
            #expect(try KeyName.parse(name).description == name)
        }
    }
}

@Suite struct KeyMapTests {
    let confirm = Action("doc.confirm", "Confirm", keys: [.char("c")], dangerous: true, scope: "list", showInHints: true)
    let details = Action("doc.details", "Details", keys: [.char("d")], scope: "list", showInHints: true)

    @Test func defaultsResolveByScopeThenGlobal() throws {
        let map = try KeyMap(actions: NavigationAction.all + [confirm, details])
        #expect(map.action(for: .char("j")) == NavigationAction.down)
        #expect(map.action(for: .down) == NavigationAction.down)
        #expect(map.action(for: .char("c"), in: ["list"]) == "doc.confirm")
        #expect(map.action(for: .char("c")) == nil)
        #expect(map.action(for: .ctrl("r"), in: ["list"]) == NavigationAction.refresh)
        #expect(map.action(for: .char(":")) == NavigationAction.command)
    }

    @Test func overridesRebindUnbindAndStealKeys() throws {
        let map = try KeyMap(actions: NavigationAction.all + [confirm, details], overrides: [
            "nav.down": ["n", "ctrl-n"],
            "nav.help": [],
            "doc.details": ["c", "f5"],
        ])
        #expect(map.action(for: .char("n")) == NavigationAction.down)
        #expect(map.action(for: .char("j")) == nil)
        #expect(map.action(for: .char("?")) == nil)
        #expect(!map.isAvailable(NavigationAction.help))
        #expect(map.action(for: .char("c"), in: ["list"]) == "doc.details")
        #expect(map.keys(for: "doc.confirm").isEmpty)
        #expect(map.keys(for: "doc.details") == [.char("c"), Key(.function(5))])
    }

    @Test func badOverridesAreReportedByName() {
        #expect(throws: KeyMapError.unknownAction("nav.dance")) {
            try KeyMap(actions: NavigationAction.all, overrides: ["nav.dance": ["x"]])
        }
        #expect(throws: KeyMapError.invalidKey(action: "nav.up", name: "ctrl-")) {
            try KeyMap(actions: NavigationAction.all, overrides: ["nav.up": ["ctrl-"]])
        }
        #expect(throws: KeyMapError.duplicateAction("nav.up")) {
            try KeyMap(actions: NavigationAction.all + [Action("nav.up", "again", keys: [])])
        }
    }

    @Test func readOnlyRemovesDangerousActionsFromKeysHelpAndHints() throws {
        let normal = try KeyMap(actions: NavigationAction.all + [confirm, details])
        #expect(normal.helpEntries(for: ["list"]).contains { $0.action == "doc.confirm" })
        #expect(normal.hints(for: ["list"]).prefix(2).map(\.action) == ["doc.confirm", "doc.details"])
        let readOnly = try KeyMap(actions: NavigationAction.all + [confirm, details], readOnly: true)
        #expect(readOnly.action(for: .char("c"), in: ["list"]) == nil)
        #expect(!readOnly.helpEntries(for: ["list"]).contains { $0.action == "doc.confirm" })
        #expect(readOnly.hints(for: ["list"]).first?.action == "doc.details")
        #expect(readOnly.helpEntries(for: ["list"]).first { $0.action == NavigationAction.down }?.keyLabel == "j/down")
    }
}
