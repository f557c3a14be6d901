import Foundation
import TerminalUI

extension AppState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        if let overlay {
            return handleOverlayKey(key, overlay)
        }
        guard let action = keyMap.action(for: key, in: scopes) else {
            return []
        }
        return perform(action)
    }

    /// Runs an action by id, as if its key was pressed (tests and the command line use this).
    public mutating func perform(_ action: ActionID) -> [Effect] {
        // A dangerous action never runs in read-only mode, however it was reached.
        if readOnly, ConsoleAction.all.first(where: { $0.id == action })?.dangerous == true {
            flash("read-only mode: \(action) is not available", .warn)
            return []
        }
        switch action {
        case NavigationAction.quit:
            quitRequested = true
            return [.quit]
        case NavigationAction.help:
            overlay = .help(scroll: 0)
            return []
        case NavigationAction.command:
            overlay = .commandLine(InputLine())
            return []
        case NavigationAction.filter:
            guard screen == .annotations, let list else {
                flash("/ filters the annotation list; open a queue first", .info)
                return []
            }
            overlay = .filter(InputLine(list.query.filter.description))
            return []
        case NavigationAction.refresh:
            return refreshVisible(force: true)
        case NavigationAction.back:
            return goBack()
        case NavigationAction.nextPane, NavigationAction.previousPane:
            if monitor.visible && screen != .operations { focus = focus == .main ? .monitor : .main }
            return []
        case ConsoleAction.toggleMonitor:
            monitor.visible.toggle()
            if !monitor.visible { focus = .main }
            return ensureVisiblePagesLoaded()
        case ConsoleAction.monitorFullScreen:
            if screen == .operations { return goBack() }
            push(.operations)
            return []
        case ConsoleAction.growMonitor:
            monitor.height = min(max(3, height - 10), monitor.height + 2)
            return ensureVisiblePagesLoaded()
        case ConsoleAction.shrinkMonitor:
            monitor.height = max(3, monitor.height - 2)
            return ensureVisiblePagesLoaded()
        case ConsoleAction.pauseRefresh:
            paused.toggle()
            flash(paused ? "auto-refresh paused (z resumes, ctrl-r refreshes now)" : "auto-refresh resumed", .info)
            return paused ? [] : poll()
        case ConsoleAction.datasets:
            return openDatasets()
        case ConsoleAction.workspaces:
            push(.workspaces)
            return refreshVisible(force: false)
        default:
            break
        }
        if focus == .monitor || screen == .operations {
            return monitorAction(action)
        }
        switch screen {
        case .workspaces: return treeAction(action)
        case .annotations: return listAction(action)
        case .detail: return detailAction(action)
        case .datasets: return datasetsAction(action)
        case .operations: return monitorAction(action)
        }
    }

    // MARK: overlays

    mutating func handleOverlayKey(_ key: Key, _ overlay: Overlay) -> [Effect] {
        switch overlay {
        case .help(let scroll):
            switch key {
            case .escape, .char("q"), .char("?"), .enter: self.overlay = nil
            case .char("j"), .down: self.overlay = .help(scroll: scroll + 1)
            case .char("k"), .up: self.overlay = .help(scroll: max(0, scroll - 1))
            default: break
            }
            return []
        case .commandLine(var input):
            switch key {
            case .escape:
                self.overlay = nil
            case .enter:
                self.overlay = nil
                return runCommandLine(input.text)
            case .tab:
                let options = CommandLineRequest.completions(for: input.text)
                if options.count == 1 {
                    input = InputLine(options[0] + " ")
                } else if let common = commonPrefix(options), common.count > input.text.count {
                    input = InputLine(common)
                }
                self.overlay = .commandLine(input)
            default:
                _ = input.handle(key)
                self.overlay = .commandLine(input)
            }
            return []
        case .filter(var input):
            switch key {
            case .escape:
                self.overlay = nil
            case .enter:
                do {
                    let filter = try AnnotationFilter.parse(input.text)
                    self.overlay = nil
                    return applyFilter(filter)
                } catch {
                    flash(error.description, .error)
                }
            default:
                _ = input.handle(key)
                self.overlay = .filter(input)
            }
            return []
        case .dialog(let dialog):
            return handleDialogKey(key, dialog)
        case .bulkReport:
            switch key {
            case .escape, .enter, .char("q"):
                self.overlay = nil
            case .char("j"), .down:
                bulk?.reportScroll += 1
            case .char("k"), .up:
                let scroll = bulk?.reportScroll ?? 0
                bulk?.reportScroll = max(0, scroll - 1)
            default: break
            }
            return []
        }
    }

    private func commonPrefix(_ words: [String]) -> String? {
        guard var prefix = words.first else { return nil }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    mutating func runCommandLine(_ text: String) -> [Effect] {
        let request: CommandLineRequest
        do {
            request = try CommandLineRequest.parse(text)
        } catch {
            flash(error.description, .error)
            return []
        }
        switch request {
        case .workspaces:
            push(.workspaces)
            return refreshVisible(force: false)
        case .queue(let id):
            if let (queue, workspace) = tree.queue(id: id) { return openQueue(queue, workspaceName: workspace.name) }
            flash("opening queue \(id)…", .info)
            return [.resolveQueue(id: id)]
        case .annotation(let id):
            return openDetail(id)
        case .datasets:
            return openDatasets()
        case .operations:
            push(.operations)
            return []
        case .profile(let name):
            return [.switchProfile(name)]
        case .theme(let name):
            return [.loadTheme(name)]
        case .help:
            overlay = .help(scroll: 0)
            return []
        case .quit:
            quitRequested = true
            return [.quit]
        }
    }
}
