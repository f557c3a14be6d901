import Testing
@testable import TerminalUI

@Suite struct CharacterWidthTests {
    @Test func asciiIsOneColumn() {
        #expect(CharacterWidth.of("a") == 1)
        #expect(TextWidth.of("Hello, world") == 12)
    }

    @Test func czechAndGermanLettersAreOneColumnPrecomposedOrNot() {
        #expect(TextWidth.of("Příliš žluťoučký kůň") == 20)
        #expect(TextWidth.of("Größe") == 5)
        // "e" + combining acute is one grapheme, one column.
        #expect(TextWidth.of("e\u{0301}") == 1)
        #expect(CharacterWidth.of("e\u{0301}") == 1)
    }

    @Test func cjkAndFullwidthAreTwoColumns() {
        #expect(TextWidth.of("日本語") == 6)
        #expect(TextWidth.of("山田 太郎") == 9)
        #expect(TextWidth.of("한국어") == 6)
        #expect(CharacterWidth.of("Ａ") == 2)
        #expect(TextWidth.of("ｶﾀｶﾅ") == 4)  // half-width katakana stays narrow
    }

    @Test func emojiTakeTwoColumnsIncludingSequences() {
        #expect(CharacterWidth.of("😀") == 2)
        #expect(CharacterWidth.of("👍🏽") == 2)  // skin tone modifier joins the grapheme
        #expect(CharacterWidth.of("👩‍💻") == 2)  // ZWJ sequence is one grapheme
        #expect(CharacterWidth.of("🇨🇿") == 2)  // flag
        #expect(CharacterWidth.of("❤️") == 2)  // text-default heart with presentation selector
        #expect(CharacterWidth.of("1️⃣") == 2)  // keycap
        #expect(CharacterWidth.of("❤") == 1)
    }

    @Test func combiningMarksAndControlsAreZero() {
        #expect(CharacterWidth.of(scalar: "\u{0301}") == 0)
        #expect(CharacterWidth.of(scalar: "\u{200B}") == 0)
        #expect(CharacterWidth.of("\u{7}") == 0)
        #expect(CharacterWidth.isControl("\u{1B}"))
    }

    @Test func truncationAddsEllipsisAndNeverSplitsWideCharacters() {
        #expect(TextWidth.truncate("Hello, world", to: 8) == "Hello, …")
        #expect(TextWidth.truncate("short", to: 8) == "short")
        // 5 columns: two wide characters (4) + ellipsis (1).
        #expect(TextWidth.truncate("日本語テキスト", to: 5) == "日本…")
        // 6 columns: a third wide character would end at column 7, so it is dropped whole.
        let six = TextWidth.truncate("日本語テキスト", to: 6)
        #expect(six == "日本…")
        #expect(TextWidth.of(six) == 5)
        #expect(TextWidth.truncate("👩‍💻👩‍💻👩‍💻", to: 4) == "👩‍💻…")
        #expect(TextWidth.truncate("abc", to: 0) == "")
        #expect(TextWidth.truncate("abcdef", to: 1) == "…")
    }

    @Test func mixedScriptNamesLineUpInColumns() {
        let names = ["Jiří Dvořák", "Jürgen Größmann", "山田 太郎", "Émilie 😀 Noël", "👩‍💻 Dev Team"]
        let lines = names.map { TextWidth.fit($0, to: 12) + "|" }
        for line in lines { #expect(TextWidth.of(line) == 13) }
        #expect(lines[1] == "Jürgen Größ…|")
        #expect(lines[2] == "山田 太郎   |")
    }

    @Test func fitAligns() {
        #expect(TextWidth.fit("42", to: 5, alignment: .right) == "   42")
        #expect(TextWidth.fit("ab", to: 6, alignment: .center) == "  ab  ")
        // Odd gap after dropping a wide character is padded, total stays exact.
        #expect(TextWidth.fit("日本語", to: 4) == "日… ")
    }
}
