import Foundation
import Testing
@testable import TerminalUI

/// The repository's `themes/` directory, found from this file's location.
let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

@Suite struct ThemeTests {
    static let shipped = ["default", "light", "high-contrast", "monochrome", "solarized-dark"]
    static let requiredSlots: [ThemeSlot] = [
        .background, .text, .muted, .accent, .border, .borderFocused, .selection, .marked, .header,
        .flashInfo, .flashWarn, .flashError, .dialog, .readonlyBadge,
    ] + ["to_review", "reviewing", "postponed", "confirmed", "exported", "exporting", "failed_export",
         "failed_import", "importing", "deleted", "rejected", "purged"].map(ThemeSlot.status)
      + ["queued", "running", "processing", "finished", "failed"].map(ThemeSlot.operation)

    @Test(arguments: shipped)
    func shippedThemesParseAndDefineEverySlot(name: String) throws {
        let theme = try ThemeLoader.load(path: themesDirectory + "/\(name).yaml")
        #expect(theme.name == name)
        for slot in Self.requiredSlots { #expect(theme.slots[slot] != nil, "\(name) lacks \(slot)") }
    }

    @Test func monochromeHasNoColourAndSelectionStillShows() throws {
        let theme = try ThemeLoader.load(path: themesDirectory + "/monochrome.yaml")
        for style in theme.slots.values { #expect(style.foreground == .default && style.background == .default) }
        #expect(theme.style(.selection).reverse)
    }

    @Test func everyShippedThemeIsBuiltInAsInItsFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltinThemes.names), "run scripts/embed-themes.py")
        for (name, text) in BuiltinThemes.yaml {
            #expect(try String(contentsOfFile: themesDirectory + "/\(name).yaml", encoding: .utf8) == text + "\n", "\(name): run scripts/embed-themes.py")
            #expect(BuiltinThemes.named(name)?.name == name)
        }
        #expect(BuiltinThemes.default.style(.selection) == Style(foreground: .ansi(.black), background: .ansi(.cyan)))
        #expect(BuiltinThemes.default.style(.status("failed_export")) == Style(foreground: .ansi(.red), bold: true))
    }

    /// WCAG contrast of two colours as xterm draws them.
    static func contrast(_ a: Color, _ b: Color) -> Double? {
        func rgb(_ color: Color) -> (UInt8, UInt8, UInt8)? {
            switch color {
            case .default: return nil
            case .ansi(let ansi): return ColorReduction.rgb(ofIndex: ansi.rawValue)
            case .indexed(let index): return ColorReduction.rgb(ofIndex: index)
            case .rgb(let r, let g, let b): return (r, g, b)
            }
        }
        func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
            func channel(_ v: UInt8) -> Double {
                let s = Double(v) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        guard let x = rgb(a), let y = rgb(b) else { return nil }
        let (l1, l2) = (luminance(x), luminance(y))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    @Test func selectedRowsAndFocusedButtonsAreReadableInEveryTheme() {
        for name in BuiltinThemes.names {
            let theme = BuiltinThemes.named(name)!.reduced(toColorCount: 256)
            for slot in [ThemeSlot.selection, .dialogButtonFocused] {
                let style = theme.style(slot)
                if let ratio = Self.contrast(style.foreground, style.background) {
                    #expect(ratio >= 4.5, "\(name) \(slot): contrast \(ratio)")
                }
            }
        }
    }

    @Test func coloursByNameIndexHexAndDefault() {
        #expect(ThemeParser.parseColor("bright_red") == .ansi(.brightRed))
        #expect(ThemeParser.parseColor("Grey") == .ansi(.brightBlack))
        #expect(ThemeParser.parseColor("208") == .indexed(208))
        #expect(ThemeParser.parseColor("#FF8800") == .rgb(255, 136, 0))
        #expect(ThemeParser.parseColor("default") == .default)
        #expect(ThemeParser.parseColor("256") == nil)
        #expect(ThemeParser.parseColor("#12345") == nil)
        #expect(ThemeParser.parseColor("purpel") == nil)
    }

    @Test func badColourNamesFileLineAndKey() {
        let yaml = "name: broken\ntext: default\nstatus:\n  to_review: { fg: purpel }\n"
        #expect(throws: ThemeError(file: "broken.yaml", line: 4, key: "status.to_review.fg", message: "unknown colour \"purpel\" (use a name like red or bright_blue, 0-255, #rrggbb, or default)")) {
            try ThemeParser.parse(yaml, file: "broken.yaml")
        }
    }

    @Test func otherMistakesAreReportedWithTheirPlace() {
        func error(_ yaml: String) -> ThemeError? {
            do { _ = try ThemeParser.parse(yaml, file: "t.yaml"); return nil } catch { return error }
        }
        let attribute = error("text: default\nselection: { fg: red, blink: true }\n")
        #expect(attribute?.line == 2 && attribute?.key == "selection.blink")
        let flag = error("selection:\n  bold: maybe\n")
        #expect(flag?.line == 2 && flag?.key == "selection.bold")
        let syntax = error("text: default\nselection: { fg: red\nmuted: dim\n")
        #expect(syntax?.line != nil && syntax?.message.hasPrefix("not valid YAML") == true)
        #expect(error("- just\n- a list\n")?.message == "expected a map of slot names to styles")
        #expect(error("")?.message == "the file is empty")
        #expect(attribute?.description.hasPrefix("t.yaml:2: selection.blink: unknown style key") == true)
    }

    @Test func resolveFallsBackToDefaultAndHonoursNoColor() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "text: { fg: nope }\n".write(toFile: directory + "/broken.yaml", atomically: true, encoding: .utf8)
        try "name: mine\ntext: { fg: \"#ff0000\" }\n".write(toFile: directory + "/mine.yaml", atomically: true, encoding: .utf8)

        let broken = ThemeLoader.resolve(name: "broken", directories: [directory], environment: [:], colorCount: 256)
        #expect(broken.theme.name == "default")
        #expect(broken.problems.first?.file == directory + "/broken.yaml")
        #expect(broken.problems.first?.line == 1 && broken.problems.first?.key == "text.fg")

        let missing = ThemeLoader.resolve(name: "absent", directories: [directory], environment: [:], colorCount: 256)
        #expect(missing.theme.name == "default" && missing.problems.count == 1)

        let noColor = ThemeLoader.resolve(name: "mine", directories: [directory], environment: ["NO_COLOR": "1"], colorCount: 256)
        #expect(noColor.theme.name == "monochrome")

        let mine256 = ThemeLoader.resolve(name: "mine", directories: [directory], environment: [:], colorCount: 256)
        #expect(mine256.theme.style(.text).foreground == .indexed(196))
        let mine8 = ThemeLoader.resolve(name: "mine", directories: [directory], environment: [:], colorCount: 8)
        #expect(mine8.theme.style(.text).foreground == .ansi(.red))
        let mine2 = ThemeLoader.resolve(name: "mine", directories: [directory], environment: [:], colorCount: 2)
        #expect(mine2.theme.style(.text).foreground == .default)

        let builtin = ThemeLoader.resolve(name: nil, directories: [], environment: [:], colorCount: 256)
        #expect(builtin.theme == BuiltinThemes.default && builtin.problems.isEmpty)
    }

    @Test func colourReduction() {
        // Solarized base03 lands on the dark grey 234, as in the usual 256-colour Solarized.
        #expect(ColorReduction.nearestIndex256(0, 43, 54) == 234)
        #expect(ColorReduction.nearestIndex256(128, 128, 128) == 244)
        #expect(ColorReduction.reduce(.ansi(.brightRed), toColorCount: 8) == .ansi(.red))
        #expect(ColorReduction.reduce(.indexed(196), toColorCount: 16) == .ansi(.brightRed))
        #expect(ColorReduction.reduce(.indexed(196), toColorCount: 8) == .ansi(.red))
        #expect(ColorReduction.reduce(.rgb(0, 0, 0), toColorCount: 8) == .ansi(.black))
        #expect(ColorReduction.reduce(.default, toColorCount: 0) == .default)
    }
}
