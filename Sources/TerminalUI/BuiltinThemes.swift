/// Themes compiled into the binary, so the app works without its `themes/` directory.
/// The YAML is the same as `themes/default.yaml` and `themes/monochrome.yaml` (a test checks).
public enum BuiltinThemes {
    public static let defaultYAML = """
# rossum-tui default theme (dark terminals).
# A style is a colour name (the foreground) or a map of fg, bg, bold, dim, underline,
# reverse, italic. Colours: the 16 ANSI names (red, bright_red, ...), a 256-colour index
# (0-255), "#rrggbb" (mapped to the nearest colour the terminal has), or default.
name: default
background: { fg: default, bg: default }
text: default
muted: bright_black
accent: { fg: cyan, bold: true }
border: bright_black
border_focused: cyan
selection: { fg: black, bg: cyan }
marked: { fg: yellow, bold: true }
header: { fg: white, bold: true, underline: true }
title: { fg: cyan, bold: true }
hint_key: { fg: cyan, bold: true }
dialog: { fg: white, bg: 236 }
dialog_button: { fg: white, bg: 238 }
dialog_button_focused: { fg: black, bg: cyan, bold: true }
input: { fg: white, bg: 238 }
progress: green
readonly_badge: { fg: black, bg: yellow, bold: true }
flash:
  info: green
  warn: { fg: yellow, bold: true }
  error: { fg: bright_white, bg: red, bold: true }
status:
  importing: bright_black
  failed_import: { fg: red, bold: true }
  split: magenta
  to_review: yellow
  reviewing: { fg: yellow, bold: true }
  confirmed: green
  exporting: cyan
  exported: { fg: green, dim: true }
  failed_export: { fg: red, bold: true }
  postponed: magenta
  rejected: red
  deleted: { fg: bright_black, dim: true }
  purged: { fg: bright_black, dim: true }
operation:
  queued: bright_black
  running: cyan
  processing: cyan
  finished: green
  failed: { fg: red, bold: true }

"""

    public static let monochromeYAML = """
# No colour at all, attributes only. Used automatically when NO_COLOR is set.
name: monochrome
background: default
text: default
muted: { dim: true }
accent: { bold: true }
border: default
border_focused: { bold: true }
selection: { reverse: true }
marked: { bold: true, underline: true }
header: { bold: true, underline: true }
title: { bold: true }
hint_key: { bold: true }
dialog: default
dialog_button: default
dialog_button_focused: { reverse: true, bold: true }
input: { underline: true }
progress: { bold: true }
readonly_badge: { reverse: true, bold: true }
flash:
  info: { bold: true }
  warn: { bold: true, underline: true }
  error: { reverse: true, bold: true }
status:
  importing: { dim: true }
  failed_import: { bold: true, underline: true }
  to_review: { bold: true }
  reviewing: { bold: true, underline: true }
  confirmed: default
  exporting: { dim: true }
  exported: { dim: true }
  failed_export: { bold: true, underline: true }
  postponed: { italic: true }
  rejected: { underline: true }
  deleted: { dim: true }
  purged: { dim: true }
operation:
  queued: { dim: true }
  running: { bold: true }
  processing: { bold: true }
  finished: default
  failed: { bold: true, underline: true }

"""

    // The compiled-in YAML is covered by tests, so failing to parse it is a programming error.
    public static let `default`: Theme = try! ThemeParser.parse(defaultYAML, file: "(built-in default)")
    public static let monochrome: Theme = try! ThemeParser.parse(monochromeYAML, file: "(built-in monochrome)")

    public static func named(_ name: String) -> Theme? {
        switch name {
        case "default": return BuiltinThemes.default
        case "monochrome": return monochrome
        default: return nil
        }
    }
}
