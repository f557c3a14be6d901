import Foundation
import TerminalUI

extension AppState {
    mutating func handleOverlayKey(_ key: Key, _ overlay: Overlay) -> [Effect] {
        switch overlay {
        case .help(var help):
            self.overlay = help.handle(key) ? nil : .help(help)
            return []
        case .commandLine(var prompt):
            switch prompt.handle(key) {
            case .cancelled?:
                self.overlay = nil
            case .submitted(let text)?:
                self.overlay = nil
                return runCommandLine(text)
            default:
                self.overlay = .commandLine(prompt)
            }
            return []
        case .filter(var prompt, _):
            switch prompt.handle(key) {
            case .cancelled?:
                self.overlay = nil
                return []
            case .submitted(let text)?:
                var effects: [Effect] = []
                var refused: FilterError?
                var context = context()
                var screen = top
                do {
                    effects = try screen.applyFilter(text, &context)
                } catch {
                    refused = error
                }
                if let refused {
                    // The prompt stays open with the reason; nothing typed is lost.
                    self.overlay = .filter(prompt, error: refused.description)
                    return []
                }
                stack[stack.count - 1] = screen
                self.overlay = nil
                return effects + carryOut(context)
            default:
                // The reason a filter would be refused shows while typing, not after enter.
                self.overlay = .filter(prompt, error: filterProblem(prompt.text))
                return []
            }
        case .dialog(var dialog, let purpose):
            switch dialog.handle(key) {
            case .cancelled?:
                self.overlay = nil
                return []
            case .confirmed?:
                self.overlay = nil
                return accept(purpose, dialog)
            default:
                self.overlay = .dialog(dialog, purpose)
                return []
            }
        case .operation:
            if [.escape, .enter, .char("q"), .char(" ")].contains(key) { self.overlay = nil }
            return []
        case .bulkReport:
            switch key {
            case .escape, .enter, .char("q"):
                self.overlay = nil
            case .down, .char("j"):
                bulk?.reportScroll += 1
            case .up, .char("k"):
                let scroll = bulk?.reportScroll ?? 0
                bulk?.reportScroll = max(0, scroll - 1)
            default: break
            }
            return []
        }
    }

    /// A paste (the terminal marks it) goes into the text field that has the focus, as one
    /// line: its newlines and tabs become spaces, so nothing is submitted by it. With no text
    /// field open it is ignored: pasted text never acts as keys.
    mutating func paste(_ text: String) -> [Effect] {
        let line = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
        var cut = false
        if overlay == nil, focus == .main {
            // A value being typed inline in the screen takes it.
            var context = context()
            var screen = top
            if screen.capturePaste(line, &context) {
                stack[stack.count - 1] = screen
                return carryOut(context)
            }
        }
        switch overlay {
        case .commandLine(var prompt)?:
            prompt.input.insert(line)
            cut = prompt.input.isFull
            overlay = .commandLine(prompt)
        case .filter(var prompt, _)?:
            prompt.input.insert(line)
            cut = prompt.input.isFull
            overlay = .filter(prompt, error: filterProblem(prompt.text))
        case .dialog(var dialog, let purpose)? where dialog.focusedFieldIndex != nil:
            let index = dialog.focusedFieldIndex!
            dialog.fields[index].input.insert(line)
            cut = dialog.fields[index].input.isFull
            overlay = .dialog(dialog, purpose)
        default:
            flash("paste ignored: pasted text goes into a text field (: / or a dialog's field)", .warn)
            return []
        }
        if cut { flash("the text was cut at \(TextInput.maximumLength) characters", .warn) }
        return []
    }

    /// The filter's problem as typed so far, by the screen's own rules (dry run).
    func filterProblem(_ text: String) -> String? {
        var context = context()
        var screen = top
        do {
            _ = try screen.applyFilter(text, &context)
            return nil
        } catch {
            return error.description
        }
    }

    /// Runs a line from the `:` prompt. Every line entered is remembered, a mistyped one too:
    /// the next try is `up` and a fix, as in a shell.
    mutating func runCommandLine(_ text: String) -> [Effect] {
        commandHistory = PromptHistory.recording(text, in: commandHistory)
        do {
            let (entry, argument) = try ScreenRegistry.parse(aliases.expand(text))
            return entry.run(argument, &self)
        } catch {
            flash(error.description, .error)
            return []
        }
    }

    /// What an accepted dialog does.
    mutating func accept(_ purpose: DialogPurpose, _ dialog: Dialog) -> [Effect] {
        switch purpose {
        case .annotationCommand(var command, let ids):
            if case .reject = command { command = .reject(note: dialog.value(0)) }
            return runCommand(command, ids: ids)
        case .datasetJob(let step):
            return withTop { screen, context in
                guard var datasets = screen as? DatasetsScreen else { return [] }
                let effects = datasets.accept(step, dialog, &context)
                screen = datasets
                return effects
            }
        case .quit:
            quitRequested = true
            return [.quit]
        case .information:
            return []
        case .saveText(let text):
            let path = dialog.value(0)
            guard !path.isEmpty else {
                flash("nothing saved: no file named", .info)
                return []
            }
            return [.fetch(SaveTextRequest(path: path, text: text))]
        case .plugin(let run):
            return startPlugin(run)
        case .replay(let request):
            flash("replaying \(request.hookName)…", .info)
            return [.fetch(request)]
        }
    }
}
