import Foundation
import TerminalUI

/// The console's state machine: `update(state, event) -> (state, effects)`, pure and
/// synchronous. The runner performs the effects and feeds their results back as events.
public enum ConsoleCore {
    public static func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
        var next = state
        let effects = next.apply(event)
        return (next, effects)
    }

    /// Effects to start with: the first screen's data and the monitor.
    public static func start(_ state: inout AppState) -> [Effect] {
        state.refreshVisible(force: true) + state.pollMonitor(force: true)
    }
}

extension AppState {
    /// Applies one event; returns the work it asks for. Whatever the event did to the stack, a
    /// detail that left it with its review open gets that review cancelled (`releaseLeftReviews`).
    public mutating func apply(_ event: Event) -> [Effect] {
        let held = reviewsOnStack
        let effects = applyEvent(event)
        return effects + releaseLeftReviews(held)
    }

    mutating func applyEvent(_ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(key)
        case .mouse(let event):
            return handleMouse(event)
        case .paste(let text):
            return paste(text)
        case .resize(let width, let height):
            self.width = max(1, width)
            self.height = max(1, height)
            return withTop { screen, context in screen.resized(&context) }
        case .tick(let date):
            now = max(now, date)
            return poll()
        case .answer(let answer):
            return receive(answer)
        case .job(let progress):
            return mergeOperations([progress.row], replacing: progress.replaces.map { [$0] } ?? [], complete: false)
        case .urlOpened(let url, let viaBrowser):
            flash(viaBrowser ? "opened \(url)" : "\(url)  (copied to the clipboard)", .info, seconds: viaBrowser ? 4 : 15)
            return []
        case .themeChanged(let result):
            switch result {
            case .success(let theme):
                self.theme = theme
                flash("theme \(theme.name)", .info)
            case .failure(let failure):
                flash(failure.description, .error)
            }
            return []
        case .profileRefused(let name, let failure):
            flash("profile \(name): \(failure.message); still on \(profileName)", .error)
            return []
        case .message(let text, let level):
            flash(text, level)
            return []
        case .pluginFinished(let outcome):
            return pluginFinished(outcome)
        }
    }

    public mutating func flash(_ text: String, _ level: FlashLevel, seconds: TimeInterval? = nil) {
        let duration = seconds ?? (level == .error ? 10 : 4)
        flash = Flash(text: text, level: level, until: now.addingTimeInterval(duration))
    }

    /// A message about something the person did not just do: shown only when it hides no
    /// message about what they did.
    mutating func flashBackground(_ text: String, _ level: FlashLevel) {
        if let current = flash, !current.isBackground, current.until > now { return }
        flash = Flash(text: text, level: level, until: now.addingTimeInterval(level == .error ? 10 : 4), isBackground: true)
    }

    /// Runs `body` on the top screen with a fresh context, then carries out what it asked.
    mutating func withTop(_ body: (inout any ConsoleScreen, inout ScreenContext) -> [Effect]) -> [Effect] {
        var context = context()
        var screen = top
        let effects = body(&screen, &context)
        stack[stack.count - 1] = screen
        return effects + carryOut(context)
    }

    /// Applies a screen's requests: messages, overlays, commands, navigation.
    mutating func carryOut(_ context: ScreenContext) -> [Effect] {
        if let flash = context.flash { self.flash = flash }
        places = context.places
        if let overlay = context.overlay {
            self.overlay = overlay
            // The dialog is what the person reads now; an older message would only mislead.
            if context.flash == nil { flash = nil }
        }
        var effects: [Effect] = []
        if let request = context.commandRequest { askToRun(request) }
        if let move = context.monitorMove { monitorAction(move, visibleRows: max(1, mainBodyRows - 1)) }
        for step in context.navigation {
            switch step {
            case .push(let screen): effects += open(screen)
            case .pop: effects += goBack()
            case .forward(let action):
                effects += forward(action)
            }
        }
        return effects
    }

    /// The screen below the top one handles `action` (the detail's `n` asks its list); a
    /// screen it opens takes the top's place, otherwise the top stays.
    mutating func forward(_ action: ActionID) -> [Effect] {
        let below = stack.count - 2
        var context = context()
        guard below >= 0, stack[below].isAvailable(action, context) else {
            flash("that moves through a queue's list; open the queue first (:queue ID)", .info)
            return []
        }
        if let refusal = top.leaveRefusal() {
            flash(refusal, .info)
            return []
        }
        var screen = stack[below]
        var effects = screen.handle(action, &context)
        stack[below] = screen
        if let flash = context.flash { self.flash = flash }
        for case .push(let opened) in context.navigation {
            rememberPlace()
            stack[stack.count - 1] = opened
            effects += refreshVisible(force: true)
        }
        return effects
    }

    /// Every answer reaches the app's own state and then every screen of the stack.
    mutating func receive(_ answer: DataAnswer) -> [Effect] {
        var effects = receiveShared(answer)
        for index in stack.indices {
            var context = context()
            var screen = stack[index]
            effects += screen.receive(answer, &context)
            stack[index] = screen
            // Only the visible screen may open dialogs or navigate; the others just update.
            if index == stack.count - 1 {
                effects += carryOut(context)
            } else if let flash = context.flash {
                self.flash = flash
            }
        }
        // A screen of the previous view asking what the visible one asks is asked once.
        var asked = Set(effects)
        return effects + receiveAway(answer).filter { asked.insert($0).inserted }
    }

    // MARK: navigation

    /// Shows a screen on top of the current one and loads it; `esc` comes back. The stack is
    /// capped: past 20 screens the oldest above the tree is forgotten.
    mutating func open(_ screen: any ConsoleScreen) -> [Effect] {
        rememberPlace()
        stack.append(screen)
        if stack.count > 20 { stack.remove(at: 1) }
        focus = .main
        return refreshVisible(force: true)
    }

    mutating func popToRoot() -> [Effect] {
        if let refusal = leaveRefusal {
            flash(refusal, .info)
            return []
        }
        if stack.count > 1 { rememberPlace() }
        stack = [stack[0]]
        focus = .main
        return refreshVisible(force: false)
    }

    mutating func goBack() -> [Effect] {
        if focus == .monitor {
            focus = .main
            return []
        }
        var context = context()
        var screen = top
        if let effects = screen.back(&context) {
            stack[stack.count - 1] = screen
            return effects + carryOut(context)
        }
        guard stack.count > 1 else { return [] }
        if let refusal = top.leaveRefusal() {
            flash(refusal, .info)
            return []
        }
        rememberPlace()
        stack.removeLast()
        return refreshVisible(force: false)
    }

    mutating func showHelp() {
        overlay = .help(HelpOverlay(sections: helpSections(), notes: helpNotes(), title: "Keys" + (readOnly ? " (read-only)" : "")))
    }

    /// Quits, unless a job of this console is still running: then it asks first.
    /// Quits, unless something would be lost: an edit still saving refuses it for a moment;
    /// a job still running or a value being typed asks first.
    mutating func requestQuit() -> [Effect] {
        if let refusal = leaveRefusal {
            flash(refusal, .info)
            return []
        }
        var losses: [String] = []
        let running = monitor.runningJobs
        if !running.isEmpty {
            let names = running.map { "\($0.kindLabel) \($0.dataset ?? "")" }.joined(separator: ", ")
            losses += ["Still running: \(names).", "Quitting stops it; the journal keeps what it did, and `rossum-tui jobs` lists it."]
        }
        for case let detail as DetailScreen in stack where detail.editor.input != nil {
            losses.append("A value of #\(detail.annotationID) is being typed and is not saved; quitting drops it.")
        }
        guard losses.isEmpty else {
            let reviews = heldReviews
            if !reviews.isEmpty {
                losses.append("The review of " + reviews.map { "#\($0)" }.joined(separator: ", ") + " is cancelled (not confirmed).")
            }
            overlay = .dialog(Dialog(title: running.isEmpty ? "Quit while typing?" : "Quit while a job runs?", message: losses,
                                     confirmLabel: "Quit", startOnCancel: true), .quit)
            return []
        }
        quitRequested = true
        return [.quit]
    }
}
