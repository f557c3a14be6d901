import Foundation
import TerminalUI

extension AppState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        if let overlay {
            return handleOverlayKey(key, overlay)
        }
        if focus == .main {
            var context = context()
            var screen = top
            if let effects = screen.captureKey(key, &context) {
                stack[stack.count - 1] = screen
                return effects + carryOut(context)
            }
        }
        guard let action = keyMap.action(for: key, in: scopes) else {
            if let switchedOff = keyMap.switchedOffAction(for: key, in: scopes) {
                flash("read-only mode: \(switchedOff.description.lowercased()) is switched off", .warn)
            }
            return []
        }
        return perform(action)
    }

    /// Runs an action by id, as if its key was pressed (tests and the command line use this).
    public mutating func perform(_ action: ActionID) -> [Effect] {
        // A dangerous action never runs in read-only mode, however it was reached.
        if readOnly, let known = (ConsoleAction.all + plugins.flatMap(\.actions)).first(where: { $0.id == action }), known.dangerous {
            flash("read-only mode: \(known.description.lowercased()) is switched off", .warn)
            return []
        }
        if let plugin = plugins.first(where: { $0.runs(action) }) {
            return runPlugin(plugin)
        }
        switch action {
        case NavigationAction.quit:
            return requestQuit()
        case NavigationAction.help:
            showHelp()
            return []
        case NavigationAction.command:
            overlay = .commandLine(CommandPrompt(completions: ScreenRegistry.completionWords + aliases.names,
                                                 argumentCompletions: ScreenRegistry.argumentCompletions(catalog),
                                                 history: PromptHistory(commandHistory)))
            return []
        case NavigationAction.refresh:
            return refreshVisible(force: true)
        case NavigationAction.back:
            return goBack()
        case NavigationAction.nextPane, NavigationAction.previousPane:
            if monitorPanelRows > 0 { focus = focus == .main ? .monitor : .main }
            return []
        case ConsoleAction.toggleMonitor:
            monitor.visible.toggle()
            if !monitor.visible { focus = .main }
            return withTop { screen, context in screen.resized(&context) }
        case ConsoleAction.monitorFullScreen:
            if top is OperationsScreen { return goBack() }
            return open(OperationsScreen())
        case ConsoleAction.growMonitor:
            monitor.height = min(max(3, height - 10), monitor.height + 2)
            return withTop { screen, context in screen.resized(&context) }
        case ConsoleAction.shrinkMonitor:
            monitor.height = max(3, monitor.height - 2)
            return withTop { screen, context in screen.resized(&context) }
        case ConsoleAction.pauseRefresh:
            paused.toggle()
            flash(paused ? "auto-refresh paused (z resumes, ctrl-r refreshes now)" : "auto-refresh resumed", .info)
            return paused ? [] : poll()
        case ConsoleAction.datasets:
            return open(DatasetsScreen())
        case ConsoleAction.workspaces:
            return popToRoot()
        case ConsoleAction.previousView:
            return returnToPrevious()
        case HookLogAction.open:
            if top is HookLogsScreen {
                flash("these are the hook logs: / filters them (hook:, queue:, annotation:, status:…)", .info)
                return []
            }
            return open(HookLogsScreen(filter: top.hookLogScope(context())))
        case RawAction.showJSON:
            guard let object = top.selectedObject(context()) else {
                flash("nothing selected here has a JSON form", .info)
                return []
            }
            flash("reading \(object.apiPath)…", .info)
            return [.fetch(RawObjectRequest(object: object))]
        case SaveAction.save:
            guard let savable = top.savable else {
                flash("nothing here to save (S saves a document, the hook runs listed or a case file)", .info)
                return []
            }
            overlay = .dialog(Dialog.prompt(title: "Save to a file", message: "A new file (an existing one is never replaced):",
                                            initialText: savable.suggestedName, confirmLabel: "Save"), .saveText(savable.text))
            return []
        case RawAction.copy:
            if let text = top.copyableText { return [.copy(text, what: "the text (\(text.count) characters)")] }
            guard let object = top.selectedObject(context()) else {
                flash("nothing selected here to copy", .info)
                return []
            }
            if let web = object.webURL { return [.copy(web, what: "the web app link of \(object.kind) \(object.id)")] }
            return [.copy(webAppBase + "/api/v1/" + object.apiPath, what: "the API URL of \(object.kind) \(object.id)")]
        default:
            break
        }
        if focus == .monitor && monitorPanelRows > 0 {
            monitorAction(action, visibleRows: max(1, monitorPanelRows - 2))
            return []
        }
        if action == NavigationAction.filter {
            let context = context()
            guard top.hasFilter(context) else {
                flash("/ filters the annotation list; this screen has no filter", .info)
                return []
            }
        }
        return withTop { screen, context in screen.handle(action, &context) }
    }

    /// Moves the monitor's selection (panel or full screen); `enter` shows the operation whole.
    mutating func monitorAction(_ action: ActionID, visibleRows: Int) {
        if action == NavigationAction.open {
            let ordered = monitor.ordered
            guard ordered.indices.contains(monitor.scroll.selected) else { return }
            let op = ordered[monitor.scroll.selected]
            overlay = .operation(id: op.id)
            return
        }
        _ = ListNavigation.move(&monitor.scroll, action, rowCount: monitor.operations.count, visibleRows: visibleRows)
    }

    /// Every field of an operation, the error whole.
    static func describe(_ op: OperationRow, _ formatting: Formatting, now: Date) -> [String] {
        var lines = ["state: \(op.state)", "kind: \(op.kindLabel) (\(op.kind))", "id: \(op.id)"]
        if let dataset = op.dataset { lines.append("dataset: \(dataset)") }
        if let file = op.file { lines.append("file: \(file)") }
        if let started = op.startedAt { lines.append("started: \(formatting.dateTime(started)) (\(Formatting.age(started, now: now)))") }
        if let finished = op.finishedAt { lines.append("ended: \(formatting.dateTime(finished))") }
        if !op.counts.isEmpty { lines.append("records: \(op.counts.summary)") }
        if let progress = op.progress { lines.append("progress: \(Int((progress * 100).rounded()))%") }
        if let error = op.error { lines.append("error: \(error)") }
        return lines
    }

    // MARK: what the keys are, for help and hints

    /// Actions that do something where the person is: on the selection (`forHelp` false, the
    /// hint bar) or on this screen at all (`forHelp`, the help overlay).
    func availableEntries(_ entries: [KeyHelpEntry], forHelp: Bool = false) -> [KeyHelpEntry] {
        if focus == .monitor && monitorPanelRows > 0 {
            let moves: Set<ActionID> = [NavigationAction.up, NavigationAction.down, NavigationAction.top, NavigationAction.bottom,
                                        NavigationAction.pageUp, NavigationAction.pageDown]
            return entries.filter { $0.scope != ConsoleScope.monitor || moves.contains($0.action) }
                .filter { ![NavigationAction.filter, NavigationAction.toggleMark, NavigationAction.left, NavigationAction.right].contains($0.action) }
                .filter { $0.action != NavigationAction.open || !monitor.operations.isEmpty }
        }
        let context = context()
        return entries.filter { entry in
            switch entry.action {
            case NavigationAction.nextPane, NavigationAction.previousPane: return monitorPanelRows > 0
            case ConsoleAction.growMonitor, ConsoleAction.shrinkMonitor: return monitorPanelRows > 0
            // `n` from a detail asks the list below it; opened by `:ann`, there is none.
            case ConsoleAction.nextToReview where top is DetailScreen: return stack.dropLast().last is AnnotationListScreen
            default: break
            }
            if plugins.contains(where: { $0.runs(entry.action) }) { return true }
            if entry.scope == .global && !Self.screenActions.contains(entry.action) { return true }
            return forHelp ? top.offers(entry.action, context) : top.isAvailable(entry.action, context)
        }
    }

    /// Global actions whose meaning depends on the screen (they show only where they work).
    static let screenActions: Set<ActionID> = [
        NavigationAction.up, NavigationAction.down, NavigationAction.left, NavigationAction.right,
        NavigationAction.pageUp, NavigationAction.pageDown, NavigationAction.top, NavigationAction.bottom,
        NavigationAction.open, NavigationAction.toggleMark, NavigationAction.filter,
    ]

    func helpSections() -> [HelpOverlay.Section] {
        let entries = availableEntries(keyMap.helpEntries(for: scopes), forHelp: true)
        var seen = Set<KeyScope>()
        let order = (scopes + [.global]).filter { seen.insert($0).inserted }
        return order.map { scope in
            HelpOverlay.Section(title: scope == .global ? "Everywhere" : scope.rawValue.capitalized, entries: entries.filter { $0.scope == scope })
        }
    }

    func helpNotes() -> [String] {
        var notes = ["Commands (:)"] + ScreenRegistry.helpNotes + ["  up/down: earlier commands; tab completes names"]
        if !aliases.entries.isEmpty { notes += ["Aliases (config.yaml)"] + aliases.helpNotes }
        if top.hasFilter(context()) { notes += ["Filter (/)", "  " + top.filterHint] }
        if readOnly { notes.append("Read-only mode: actions that change data are switched off.") }
        return notes
    }

    /// The hint bar's entries: what does something here, screen keys first.
    func hintEntries() -> [KeyHelpEntry] {
        availableEntries(keyMap.hints(for: scopes))
    }
}
