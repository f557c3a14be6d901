import Foundation
import TerminalUI

/// Running the config's plugins: a dangerous one is asked about first (the confirm dialog,
/// naming the command and its targets, starting on Cancel); the outcome is said, and a
/// background run's output is shown whole.
extension AppState {
    mutating func runPlugin(_ plugin: Plugin) -> [Effect] {
        let targets = top.pluginTargets(context())
        let run = PluginRun(plugin: plugin, annotationIDs: targets.annotationIDs, queueID: targets.queueID)
        guard plugin.dangerous else { return startPlugin(run) }
        var message = ["Runs: " + plugin.command]
        message.append(run.annotationIDs.isEmpty ? "No annotation selected." : "On " + Self.describe(run.annotationIDs))
        if let queue = run.queueID { message.append("Queue #\(queue).") }
        if plugin.needsToken { message.append("The command gets your API token (ROSSUM_TOKEN).") }
        overlay = .dialog(Dialog(title: "Run plugin \(plugin.name)?", message: message, confirmLabel: "Run", startOnCancel: true),
                          .plugin(run))
        flash = nil
        return []
    }

    mutating func startPlugin(_ run: PluginRun) -> [Effect] {
        let targets = run.annotationIDs.isEmpty ? "" : " on " + Self.describe(run.annotationIDs)
        flash(run.plugin.background ? "plugin \(run.plugin.name) running\(targets)…" : "plugin \(run.plugin.name)\(targets)", .info)
        return [.runPlugin(run)]
    }

    mutating func pluginFinished(_ outcome: PluginOutcome) -> [Effect] {
        if let failure = outcome.failure {
            flash("plugin \(outcome.name) did not run: \(failure)", .error)
            return []
        }
        let ended = outcome.status == 0 ? "finished" : "failed (exit \(outcome.status))"
        guard let output = outcome.output else {
            flash("plugin \(outcome.name) \(ended)", outcome.status == 0 ? .info : .error)
            return []
        }
        let effects = open(DocumentScreen(title: "Plugin \(outcome.name) · \(ended)", crumb: "plugin \(outcome.name)",
                                          text: output.isEmpty ? "(no output)" : output))
        flash("plugin \(outcome.name) \(ended); its output is shown (esc goes back)", outcome.status == 0 ? .info : .error)
        return effects
    }

    /// `#1, #2, #3 and 4 more`
    static func describe(_ ids: [Int]) -> String {
        let shown = ids.prefix(5).map { "#\($0)" }.joined(separator: ", ")
        return ids.count > 5 ? shown + " and \(ids.count - 5) more" : shown
    }
}
