import CNcursesw
import Foundation
import Synchronization
import Testing
import TerminalUI
@testable import NcursesBackend

/// Curses is one global state per process: these run one at a time.
@Suite(.serialized) struct CursesScreenTests {
    @Test func flushWritesCharactersAttributesAndColours() throws {
        let screen = try CursesScreen.offscreen(width: 20, height: 4, locale: "C.UTF-8")
        defer { screen.end() }
        #expect(screen.width == 20 && screen.height == 4)
        #expect(screen.colorCount == 256)
        var grid = Grid(width: 20, height: 4)
        grid.put("Hello", x: 0, y: 0, style: Style(foreground: .ansi(.red), bold: true))
        grid.put("日本 ok", x: 2, y: 1, style: Style(background: .indexed(33), reverse: true))
        grid.put("Žluťoučký", x: 0, y: 2, style: Style(foreground: .rgb(255, 0, 0), underline: true))
        screen.flush(grid)
        let hello = screen.cell(x: 0, y: 0)
        #expect(hello.text == "H" && hello.bold && !hello.reverse)
        #expect(hello.foreground == 1 && hello.background == -1)
        #expect(screen.rowText(0).hasPrefix("Hello "))
        let wide = screen.cell(x: 2, y: 1)
        #expect(wide.text == "日" && wide.reverse && wide.background == 33)
        #expect(screen.rowText(1).hasPrefix("  日本 ok "))
        // Truecolour red becomes the nearest of the 256 colours.
        let z = screen.cell(x: 0, y: 2)
        #expect(z.text == "Ž" && z.underline && z.foreground == 196)
        #expect(screen.rowText(2).hasPrefix("Žluťoučký"))
    }

    @Test func anUnchangedFrameDoesNotReachTheTerminal() throws {
        let screen = try CursesScreen.offscreen(width: 10, height: 2, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: 10, height: 2)
        grid.put("polled", x: 0, y: 0)
        screen.flush(grid)
        let updates = screen.terminalUpdates
        screen.flush(grid)
        #expect(screen.terminalUpdates == updates)
        grid.put("changed", x: 0, y: 1)
        screen.flush(grid)
        #expect(screen.terminalUpdates == updates + 1)
        #expect(screen.rowText(1).hasPrefix("changed"))
        // After invalidation (a resume from ctrl-z), the same frame is drawn again.
        screen.invalidate()
        screen.flush(grid)
        #expect(screen.terminalUpdates == updates + 2)
    }

    @Test func onlyChangedRowsAreRewritten() throws {
        let screen = try CursesScreen.offscreen(width: 10, height: 3, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: 10, height: 3)
        grid.put("one", x: 0, y: 0)
        grid.put("two", x: 0, y: 1)
        screen.flush(grid)
        // Scribble on row 0 behind the Grid's back: an unchanged row is not rewritten, so
        // the scribble stays; a changed row is.
        mvwaddstr(rt_stdscr(), 0, 0, "XXX")
        grid.put("TWO", x: 0, y: 1)
        screen.flush(grid)
        #expect(screen.rowText(0).hasPrefix("XXX"))
        #expect(screen.rowText(1).hasPrefix("TWO"))
        screen.invalidate()
        screen.flush(grid)
        #expect(screen.rowText(0).hasPrefix("one"))
    }

    @Test func colourPairsAreAllocatedLazilyAndReused() throws {
        let screen = try CursesScreen.offscreen(width: 10, height: 2, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: 10, height: 2)
        grid.put("ab", x: 0, y: 0, style: Style(foreground: .ansi(.green)))
        grid.put("cd", x: 3, y: 0, style: Style(foreground: .ansi(.green), bold: true))
        grid.put("ef", x: 0, y: 1, style: Style(foreground: .ansi(.blue), background: .ansi(.white)))
        screen.flush(grid)
        #expect(screen.allocatedPairCount == 2)
        #expect(screen.cell(x: 0, y: 1).foreground == 4 && screen.cell(x: 0, y: 1).background == 7)
    }

    @Test func monochromeDrawsAttributesOnly() throws {
        let screen = try CursesScreen.offscreen(width: 10, height: 1, colors: false, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: 10, height: 1)
        grid.put("sel", x: 0, y: 0, style: Style(foreground: .ansi(.red), reverse: true))
        screen.flush(grid)
        let cell = screen.cell(x: 0, y: 0)
        #expect(cell.reverse && cell.foreground == -1)
        #expect(screen.allocatedPairCount == 0)
    }

    @Test func nonUTF8LocaleFallsBackToAscii() throws {
        let screen = try CursesScreen.offscreen(width: 12, height: 2, locale: "C")
        defer { screen.end() }
        #expect(!screen.isUTF8)
        var grid = Grid(width: 12, height: 2)
        grid.put("┌──┐ a…", x: 0, y: 0)
        grid.put("日x ž", x: 0, y: 1)
        screen.flush(grid)
        #expect(screen.rowText(0).hasPrefix("+--+ a~"))
        #expect(screen.rowText(1).hasPrefix("? x ?"))
    }

    @Test func resizeAndTinySizesNeverCrash() throws {
        let screen = try CursesScreen.offscreen(width: 80, height: 24, locale: "C.UTF-8")
        defer { screen.end() }
        for (w, h) in [(1, 1), (2, 1), (200, 60), (3, 2), (1, 1)] {
            screen.resize(width: w, height: h)
            #expect(screen.width == w && screen.height == h)
            var grid = Grid(width: w, height: h)
            grid.put("日本語 wide text", x: 0, y: 0)
            screen.flush(grid)
            // A frame bigger than the screen is clipped.
            screen.flush(Grid(width: w + 5, height: h + 5, fill: Cell("#")))
        }
        #expect(screen.cell(x: 0, y: 0).text == "#")
    }

    @Test func wideCharacterAtTheRightEdgeIsNotSplit() throws {
        let screen = try CursesScreen.offscreen(width: 5, height: 1, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: 6, height: 1)
        grid.put("abcd日", x: 0, y: 0)
        screen.flush(grid)
        #expect(screen.rowText(0) == "abcd ")
    }

    @Test func emojiSequencesKeepTheirTwoColumnsOnAnyTerminal() throws {
        let screen = try CursesScreen.offscreen(width: 12, height: 1, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: 12, height: 1)
        grid.put("👩‍💻|👍🏽|e\u{301}|", x: 0, y: 0)
        screen.flush(grid)
        // The ZWJ sequence is drawn as its first emoji, the skin tone dropped, the accent kept,
        // and everything after stays in the columns the Grid gave it.
        #expect(screen.cell(x: 0, y: 0).text == "👩")
        #expect(screen.cell(x: 2, y: 0).text == "|")
        #expect(screen.cell(x: 3, y: 0).text == "👍")
        #expect(screen.cell(x: 5, y: 0).text == "|")
        #expect(screen.cell(x: 6, y: 0).text == "e\u{301}")
        #expect(screen.cell(x: 7, y: 0).text == "|")
    }

    /// Curses hands the terminal's mouse reports over as bytes, even where the terminfo names
    /// their start as its mouse key (`kmous`), and the decoder makes events of them.
    @Test(arguments: ["xterm-256color", "tmux-256color"])
    func mouseReportsReachTheDecoderAsBytes(terminal: String) throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let report = "\u{1B}[<0;4;3M\u{1B}[<0;4;3m\u{1B}[<65;1;1Mj"
        #expect(write(fds[1], report, report.utf8.count) == report.utf8.count)
        close(fds[1])
        let screen = try CursesScreen.offscreen(terminalType: terminal, width: 20, height: 5, mouse: true, inputDescriptor: fds[0], locale: "C.UTF-8")
        defer { screen.end() }
        var feed: [RawInput] = []
        while let raw = screen.readRawInput() { feed.append(raw) }
        #expect(KeyDecoder.decodeAll(feed) == [.mouse(MouseEvent(x: 3, y: 2, kind: .press)), .mouse(MouseEvent(x: 3, y: 2, kind: .release)),
                                               .mouse(MouseEvent(x: 0, y: 0, kind: .wheelDown)), .key(.char("j"))])
    }

    @Test func loopDeliversKeysPostedEventsTicksAndSleepsWhenIdle() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let loop = try TerminalLoop<String>(options: TerminalOptions(minimumWidth: 10, minimumHeight: 3))
        let log = Mutex<[String]>([])
        let cpuAtIdleStart = Mutex<Duration?>(nil)
        let cpuAtIdleEnd = Mutex<Duration?>(nil)
        let finished = Mutex(false)
        let inputRead = fds[0]
        let thread = Thread {
            do {
                let screen = try CursesScreen.offscreen(width: 20, height: 5, inputDescriptor: inputRead, locale: "C.UTF-8")
                defer { screen.end() }
                var ticks = 0
                try loop.run(on: screen) { input in
                    switch input {
                    case .resize(let w, let h):
                        log.withLock { $0.append("resize \(w)x\(h)") }
                        return .draw(Grid(width: w, height: h))
                    case .key(let key):
                        log.withLock { $0.append("key \(key)") }
                        return .keep()
                    case .event("idle-start"):
                        cpuAtIdleStart.withLock { $0 = threadCPUTime() }
                        log.withLock { $0.append("idle-start") }
                        return .keep()
                    case .event("idle-end"):
                        cpuAtIdleEnd.withLock { $0 = threadCPUTime() }
                        log.withLock { $0.append("idle-end") }
                        return .keep(wakeAt: .now + .milliseconds(20))
                    case .event(let name):
                        log.withLock { $0.append("event \(name)") }
                        return .keep()
                    case .tick:
                        ticks += 1
                        log.withLock { $0.append("tick \(ticks)") }
                        return ticks < 2 ? .keep(wakeAt: .now + .milliseconds(5)) : .quit
                    case .mouse:
                        return .keep()
                    case .paste(let text):
                        log.withLock { $0.append("paste \(text)") }
                        return .keep()
                    }
                }
            } catch {
                log.withLock { $0.append("error \(error)") }
            }
            finished.withLock { $0 = true }
        }
        thread.start()
        func waitFor(_ condition: () -> Bool) {
            let deadline = ContinuousClock.now + .seconds(5)
            while !condition() && ContinuousClock.now < deadline { usleep(2_000) }
        }
        waitFor { log.withLock { $0.contains("resize 20x5") } }
        // "j", ESC-x (alt-x), and the xterm keypad sequence for the up arrow.
        let bytes = Array("j\u{1B}x\u{1B}OA".utf8)
        _ = bytes.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count) }
        waitFor { log.withLock { $0.contains("key up") } }
        loop.post("hello")
        waitFor { log.withLock { $0.contains("event hello") } }
        // Idle: nothing to do for 300 ms must cost (next to) no CPU on the loop thread.
        loop.post("idle-start")
        waitFor { log.withLock { $0.contains("idle-start") } }
        usleep(300_000)
        loop.post("idle-end")
        waitFor { finished.withLock { $0 } }
        let entries = log.withLock { $0 }
        #expect(entries == ["resize 20x5", "key j", "key alt-x", "key up", "event hello", "idle-start", "idle-end", "tick 1", "tick 2"])
        let idleCPU = (cpuAtIdleEnd.withLock { $0 } ?? .seconds(1)) - (cpuAtIdleStart.withLock { $0 } ?? .zero)
        #expect(idleCPU < .milliseconds(10), "loop thread used \(idleCPU) CPU while idle")
    }

    /// Keys that arrive together are all handled before one frame is rendered, and that
    /// frame shows the state after the last of them.
    @Test func burstOfKeysRendersOnceWithTheLastState() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let loop = try TerminalLoop<String>(options: TerminalOptions(minimumWidth: 10, minimumHeight: 3))
        // Written before the loop starts, so the whole burst is waiting at the first read.
        let burst = Array(String(repeating: "j", count: 50).utf8)
        _ = burst.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count) }
        let outcome = Mutex<(keys: Int, renders: [Int])>((0, []))
        let inputRead = fds[0]
        let thread = Thread {
            do {
                let screen = try CursesScreen.offscreen(width: 20, height: 5, inputDescriptor: inputRead, locale: "C.UTF-8")
                defer { screen.end() }
                var keys = 0
                try loop.run(on: screen, render: {
                    outcome.withLock { $0.renders.append(keys) }
                    return Grid(width: 20, height: 5)
                }) { input in
                    switch input {
                    case .key: keys += 1
                    case .event("stop"): return .quit
                    default: break
                    }
                    outcome.withLock { $0.keys = keys }
                    return .redraw()
                }
            } catch {
                Issue.record("loop failed: \(error)")
            }
        }
        thread.start()
        let deadline = ContinuousClock.now + .seconds(5)
        while outcome.withLock({ $0.renders.last != 50 }) && ContinuousClock.now < deadline { usleep(2_000) }
        loop.post("stop")
        let seen = outcome.withLock { $0 }
        #expect(seen.keys == 50)
        // One frame for the first size, one for the burst: never one per key.
        #expect(seen.renders == [0, 50])
    }
}

/// CPU time consumed by the calling thread.
func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}
