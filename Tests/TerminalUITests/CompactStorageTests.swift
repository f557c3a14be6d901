import Testing
@testable import TerminalUI

/// Cells and styles are stored packed (a style in one word, a cell in 16 bytes); what goes in
/// must come out exactly.
@Suite struct CompactStorageTests {
    static let colors: [Color] = [.default] + ANSIColor.allCases.map(Color.ansi)
        + [.indexed(0), .indexed(16), .indexed(231), .indexed(255)]
        + [.rgb(0, 0, 0), .rgb(255, 255, 255), .rgb(1, 2, 3), .rgb(255, 0, 128)]

    @Test func everyColourAndAttributeRoundTrips() {
        for foreground in Self.colors {
            for background in Self.colors {
                let style = Style(foreground: foreground, background: background)
                #expect(style.foreground == foreground && style.background == background)
                #expect(!style.bold && !style.dim && !style.underline && !style.reverse && !style.italic)
            }
        }
        for flags in 0..<32 {
            let on = (0..<5).map { flags & (1 << $0) != 0 }
            var style = Style(foreground: .rgb(9, 8, 7), background: .ansi(.brightCyan),
                              bold: on[0], dim: on[1], underline: on[2], reverse: on[3], italic: on[4])
            #expect([style.bold, style.dim, style.underline, style.reverse, style.italic] == on)
            #expect(style.foreground == .rgb(9, 8, 7) && style.background == .ansi(.brightCyan))
            // Setting one property leaves the others alone.
            style.background = .indexed(200)
            style.bold.toggle()
            #expect(style.background == .indexed(200) && style.foreground == .rgb(9, 8, 7))
            #expect([style.bold, style.dim, style.underline, style.reverse, style.italic] == [!on[0]] + on.dropFirst())
        }
    }

    @Test func stylesAreEqualExactlyWhenEveryFieldIs() {
        let a = Style(foreground: .ansi(.red), bold: true)
        #expect(a == Style(foreground: .ansi(.red), bold: true))
        #expect(a != Style(foreground: .indexed(1), bold: true))  // same number, other kind
        #expect(a != Style(background: .ansi(.red), bold: true))
        #expect(a != Style(foreground: .ansi(.red)))
        #expect(Style(foreground: .rgb(0, 0, 1)) != Style(foreground: .rgb(1, 0, 0)))
        #expect(Set([a, Style(foreground: .ansi(.red), bold: true), .plain]).count == 2)
        #expect(Style() == .plain && Style(foreground: .default, background: .default) == .plain)
    }

    @Test func overlayTakesNonDefaultColoursAndAddsAttributes() {
        let row = Style(foreground: .ansi(.white), background: .ansi(.blue), underline: true)
        let status = Style(foreground: .rgb(0, 200, 0), bold: true)
        let laid = row.overlaid(with: status)
        #expect(laid == Style(foreground: .rgb(0, 200, 0), background: .ansi(.blue), bold: true, underline: true))
        #expect(row.overlaid(with: .plain) == row)
        #expect(Style.plain.overlaid(with: row) == row)
        #expect(row.overlaid(with: Style(background: .indexed(17), italic: true)).background == .indexed(17))
    }

    @Test func cellsKeepEveryKindOfCharacterExactly() {
        let characters: [Character] = ["a", " ", "~", "é", "e\u{301}", "山", "👍", "👍🏽", "👩‍💻", "🇨🇿", "1\u{FE0F}\u{20E3}", "\u{10FFFF}"]
        for character in characters {
            let cell = Cell(character, style: Style(foreground: .ansi(.green)))
            #expect(cell.character == character)
            #expect(cell.character.unicodeScalars.elementsEqual(character.unicodeScalars))
            #expect(!cell.isContinuation)
            let continuation = Cell(character, style: .plain, isContinuation: true)
            #expect(continuation.isContinuation && continuation.character == character)
            #expect(continuation != Cell(character, style: .plain))
        }
        // Combining sequences that are canonically equal but spelled differently stay apart.
        #expect(Cell("e\u{301}").character.unicodeScalars.count == 2)
        #expect(Cell("\u{E9}").character.unicodeScalars.count == 1)
    }

    @Test func continuationFlagAndCharacterChangeIndependently() {
        var cell = Cell("山", style: Style(reverse: true), isContinuation: true)
        cell.character = "👩‍💻"
        #expect(cell.isContinuation && cell.character == "👩‍💻")
        cell.isContinuation = false
        #expect(!cell.isContinuation && cell.character == "👩‍💻" && cell.style == Style(reverse: true))
        cell.character = "x"
        #expect(cell.printableASCII == UInt8(ascii: "x") && cell.singleScalar == "x")
        cell.isContinuation = true
        #expect(cell.printableASCII == nil)  // a continuation is never drawn as text
        #expect(Cell("e\u{301}").singleScalar == nil && Cell("é").singleScalar == "é")
        #expect(MemoryLayout<Cell>.stride <= 16)
    }

    @Test func printableASCIIWidthAcceptsOnlyPrintableASCII() {
        #expect(TextWidth.printableASCIIWidth("") == 0)
        #expect(TextWidth.printableASCIIWidth("Invoice 2026-11-23 #42") == 22)
        #expect(TextWidth.printableASCIIWidth(String(repeating: "abc ", count: 100)) == 400)
        #expect(TextWidth.printableASCIIWidth("tab\there") == nil)
        #expect(TextWidth.printableASCIIWidth("delete\u{7F}") == nil)
        #expect(TextWidth.printableASCIIWidth(String(repeating: "x", count: 40) + "é") == nil)
        #expect(TextWidth.printableASCIIWidth("山") == nil)
        #expect(TextWidth.of("abc") == 3 && TextWidth.of("a山b") == 4 && TextWidth.of("e\u{301}") == 1)
    }
}

/// Text whose every scalar is a grapheme of its own is measured, cut and drawn scalar by
/// scalar; the results must be those of the grapheme-by-grapheme path.
@Suite struct StandaloneScalarTextTests {
    static let samples = ["Jiří Dvořák", "Jürgen Größmann", "Łukasz Żółw", "José Núñez", "山田 太郎", "김민준", "カタカナ ひらがな",
                          "Ådne Ørsted ¿¡ «»", "soft\u{AD}hyphen", "mixed 山a김b"]

    /// The grapheme-by-grapheme drawing, as a reference.
    func referenceDraw(_ text: String, width: Int, x: Int) -> Grid {
        var grid = Grid(width: width, height: 1)
        var column = x
        let limit = min(width, x + width)  // `put` clips at its maxWidth (the grid's width) from x
        for character in text {
            let w = CharacterWidth.of(character)
            if column + w > limit { break }
            if column >= 0 {
                grid.set(x: column, y: 0, Cell(character))
                if w == 2 { grid.set(x: column + 1, y: 0, Cell(" ", isContinuation: true)) }
            }
            column += w
        }
        return grid
    }

    @Test func standaloneTextDrawsAndMeasuresLikeGraphemes() {
        for text in Self.samples {
            #expect(TextWidth.standaloneWidth(text) != nil, "\(text)")
            #expect(TextWidth.of(text) == text.reduce(0) { $0 + CharacterWidth.of($1) }, "\(text)")
            for width in [3, 7, 12, 30] {
                for x in [-1, 0, 2] {
                    var grid = Grid(width: width, height: 1)
                    grid.put(text, x: x, y: 0)
                    #expect(grid == referenceDraw(text, width: width, x: x), "\(text) in \(width) at \(x)")
                }
                var cut = ""
                var used = 0
                for character in text {
                    if used + CharacterWidth.of(character) > width - 1 { break }
                    cut.append(character)
                    used += CharacterWidth.of(character)
                }
                let expected = TextWidth.of(text) <= width ? text : cut + "…"
                #expect(TextWidth.truncate(text, to: width) == expected, "\(text) cut to \(width)")
            }
        }
    }

    @Test func joiningScalarsAreNotStandalone() {
        for text in ["e\u{301}", "👩‍💻", "🇨🇿", "\u{1100}\u{1161}", "か\u{3099}", "a\u{200D}b", "tab\t", "\u{85}", "日本\u{FE0F}"] {
            #expect(TextWidth.standaloneWidth(text) == nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(TextWidth.of("\u{1100}\u{1161}") == 2 && TextWidth.of("か\u{3099}") == 2)
    }
}
