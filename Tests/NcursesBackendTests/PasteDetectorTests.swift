import Testing
import TerminalUI
@testable import NcursesBackend

@Suite struct PasteDetectorTests {
    func raw(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }
    let start: [RawInput] = PasteDetector.start.map { .character($0) }
    let end: [RawInput] = PasteDetector.end.map { .character($0) }

    @Test func aBracketedPasteIsTextWithItsNewlinesAndTheNextReadIsInput() {
        var detector = PasteDetector()
        let feed = raw("r") + start + raw("Supplier wrong\nyes") + end
        #expect(detector.split(feed) == [.input(raw("r")), .paste("Supplier wrong\nyes")])
        #expect(detector.split(raw("j")) == [.input(raw("j"))])
        #expect(!detector.isOpen)
    }

    /// Hostile text that carries the end marker: what follows it is still pasted text, never keys.
    @Test func textAfterAnEndMarkerInThePasteIsNotRunAsKeys() {
        var detector = PasteDetector()
        let feed = start + raw("INV-1") + end + raw(":profile prod\rdy") + end
        #expect(detector.split(feed) == [.paste("INV-1:profile prod\rdy")])
        #expect(!detector.isOpen)
        // Without the terminal's own end marker too.
        #expect(detector.split(start + raw("a") + end + raw("dy")) == [.paste("ady")])
        // Two pastes in one read stay two pastes.
        #expect(detector.split(start + raw("a") + end + start + raw("b") + end) == [.paste("a"), .paste("b")])
    }

    /// A start marker with no end (a broken terminal, a cut connection) holds the text until
    /// the loop gives up waiting; then it is a paste and keys work again.
    @Test func aLoneStartMarkerIsClosedAsAPaste() {
        var detector = PasteDetector()
        #expect(detector.split(raw("x") + start + raw("half")) == [.input(raw("x"))])
        #expect(detector.isOpen)
        #expect(detector.closeStale() == "half")
        #expect(detector.split(raw("j")) == [.input(raw("j"))])
        #expect(detector.closeStale() == nil)
    }

    @Test func typingFastIsNeverAPaste() {
        var detector = PasteDetector()
        #expect(detector.split(raw(":queue 12\r]")) == [.input(raw(":queue 12\r]"))])
        // ESC [ that is not the paste marker stays input (alt-[, arrows...).
        #expect(detector.split(raw("\u{1B}[A")) == [.input(raw("\u{1B}[A"))])
    }

    @Test func aPasteLongerThanOneReadCarriesOver() {
        var detector = PasteDetector()
        #expect(detector.split(start + raw("Nový dodavatel ")) == [])
        #expect(detector.split(raw("日本") + end) == [.paste("Nový dodavatel 日本")])
        #expect(detector.split(raw("k")) == [.input(raw("k"))])
    }
}
