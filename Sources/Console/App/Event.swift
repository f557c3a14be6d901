import Foundation
import TerminalUI

/// Everything that can happen to the console: keys, the terminal, time, and answers from the
/// effect runner. Answers carry what they were asked for, so late ones can be recognised.
public enum Event: Sendable {
    case key(Key)
    /// A click or the wheel, where the terminal reports the mouse.
    case mouse(MouseEvent)
    /// Text pasted in one burst: it goes into the open text field, never runs as keys.
    case paste(String)
    case resize(width: Int, height: Int)
    /// Time passed (the runner wakes the loop when the next poll is due).
    case tick(Date)
    /// A screen's or the app's request came back.
    case answer(DataAnswer)
    /// A job started from this console moved on (its monitor row as it now stands).
    case job(JobProgress)
    case urlOpened(String, viaBrowser: Bool)
    case themeChanged(Result<Theme, ConsoleFailure>)
    case profileRefused(String, ConsoleFailure)
    case message(String, FlashLevel)
    /// A plugin ended (`AppPlugins.swift`).
    case pluginFinished(PluginOutcome)
}

/// A job's monitor row; `replaces` names the row it takes over (the job's own row once the
/// server's operation takes over, so one action is one row).
public struct JobProgress: Sendable, Hashable {
    public var row: OperationRow
    public var replaces: String?
    public init(row: OperationRow, replaces: String? = nil) {
        self.row = row
        self.replaces = replaces
    }
}

/// Work for the runner. Each effect carries everything it needs; results come back as events.
public enum Effect: Sendable, Hashable {
    case fetch(AnyDataRequest)
    case startJob(ConsoleJob)
    case openURL(String)
    /// Puts text on the clipboard (OSC 52); `what` names it in the message that says so.
    case copy(String, what: String)
    case loadTheme(String)
    case switchProfile(String)
    /// A plugin's command: in the background by the runner, in the foreground by the session,
    /// which hands the terminal over.
    case runPlugin(PluginRun)
    case quit
}

/// A long-running job started from the console.
public enum ConsoleJob: Sendable, Hashable {
    case upsert(dataset: String, file: String, idKeys: [String])
    case replace(dataset: String, file: String)
    case download(dataset: String, file: String)
}
