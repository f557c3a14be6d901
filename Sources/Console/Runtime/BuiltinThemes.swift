import TerminalUI

/// Themes compiled into the console, so it always has colours even without theme files.
/// Theme files (`themes/*.yaml`) with the same name take precedence where a loader is available.
public enum BuiltinThemes {
    public static let names = ["default", "light", "mono"]

    public static func named(_ name: String) -> Theme? {
        switch name.lowercased() {
        case "default", "dark": return dark
        case "light": return light
        case "mono", "monochrome": return Theme(name: "mono", slots: [:])
        default: return nil
        }
    }

    static func style(_ fg: ANSIColor? = nil, _ bg: ANSIColor? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) -> Style {
        Style(foreground: fg.map(Color.ansi) ?? .default, background: bg.map(Color.ansi) ?? .default, bold: bold, dim: dim, reverse: reverse)
    }

    static func statusSlots(review: ANSIColor, done: ANSIColor, warn: ANSIColor, bad: ANSIColor, quiet: ANSIColor) -> [ThemeSlot: Style] {
        [
            .status("to_review"): style(review, bold: true), .status("reviewing"): style(.magenta, bold: true),
            .status("postponed"): style(warn), .status("confirmed"): style(done), .status("exported"): style(done),
            .status("exporting"): style(.cyan), .status("importing"): style(.cyan), .status("failed_import"): style(bad, bold: true),
            .status("failed_export"): style(bad, bold: true), .status("rejected"): style(bad), .status("deleted"): style(quiet),
            .status("purged"): style(quiet), .status("in_workflow"): style(.blue),
            .operation("running"): style(review, bold: true), .operation("processing"): style(review, bold: true),
            .operation("queued"): style(.cyan), .operation("new"): style(.cyan), .operation("uploading"): style(.cyan),
            .operation("submitted"): style(done), .operation("finished"): style(done), .operation("success"): style(done),
            .operation("failed"): style(bad, bold: true), .operation("unknown"): style(quiet),
        ]
    }

    public static let dark = Theme(name: "default", slots: statusSlots(review: .brightYellow, done: .green, warn: .yellow, bad: .brightRed, quiet: .brightBlack).merging([
        .text: style(), .muted: style(.brightBlack), .accent: style(.brightCyan), .border: style(.brightBlack),
        .borderFocused: style(.brightCyan), .selection: style(.black, .cyan), .marked: style(.brightMagenta, bold: true),
        .header: style(.brightWhite, bold: true), .title: style(.brightWhite, bold: true), .hintKey: style(.brightCyan, bold: true),
        .flashInfo: style(.brightGreen), .flashWarn: style(.brightYellow), .flashError: style(.brightRed, bold: true),
        .dialog: style(.brightWhite, .blue), .dialogButton: style(.brightWhite, .blue), .dialogButtonFocused: style(.black, .brightCyan, bold: true),
        .input: style(.brightWhite, .brightBlack), .progress: style(.brightGreen), .readonlyBadge: style(.black, .brightYellow, bold: true),
    ]) { _, new in new })

    public static let light = Theme(name: "light", slots: statusSlots(review: .blue, done: .green, warn: .magenta, bad: .red, quiet: .brightBlack).merging([
        .text: style(.black), .muted: style(.brightBlack), .accent: style(.blue, bold: true), .border: style(.brightBlack),
        .borderFocused: style(.blue), .selection: style(.white, .blue), .marked: style(.magenta, bold: true),
        .header: style(.black, bold: true), .title: style(.blue, bold: true), .hintKey: style(.blue, bold: true),
        .flashInfo: style(.green), .flashWarn: style(.magenta), .flashError: style(.red, bold: true),
        .dialog: style(.black, .white), .dialogButton: style(.black, .white), .dialogButtonFocused: style(.white, .blue, bold: true),
        .input: style(.black, .brightWhite), .progress: style(.blue), .readonlyBadge: style(.white, .red, bold: true),
    ]) { _, new in new })
}
