import Foundation

/// The theme to draw with, and what went wrong finding it (shown to the user, never fatal).
public struct ThemeResolution: Sendable {
    public var theme: Theme
    public var problems: [ThemeError]
}

/// Finds and loads a theme by name from theme directories, falling back to the compiled-in
/// default so the app always starts, and honouring `NO_COLOR`.
public enum ThemeLoader {
    /// - Parameters:
    ///   - name: theme name (file `<name>.yaml`), nil for the default.
    ///   - directories: searched in order, e.g. the user's config dir, then `themes/`.
    ///   - environment: `NO_COLOR` (any non-empty value) forces the monochrome theme.
    ///   - colorCount: the terminal's colours; colours are reduced to fit (below 8: none).
    public static func resolve(name: String?, directories: [String], environment: [String: String], colorCount: Int) -> ThemeResolution {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return ThemeResolution(theme: BuiltinThemes.monochrome, problems: [])
        }
        let wanted = name ?? "default"
        var problems: [ThemeError] = []
        var theme: Theme?
        for directory in directories {
            let path = directory.hasSuffix("/") ? directory + wanted + ".yaml" : directory + "/" + wanted + ".yaml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                theme = try load(path: path)
                break
            } catch let error as ThemeError {
                problems.append(error)
                break
            } catch {
                problems.append(ThemeError(file: path, line: nil, key: nil, message: "\(error)"))
                break
            }
        }
        if theme == nil && problems.isEmpty {
            if let builtin = BuiltinThemes.named(wanted) {
                theme = builtin
            } else {
                problems.append(ThemeError(file: wanted + ".yaml", line: nil, key: nil, message: "no such theme (built in: \(BuiltinThemes.names.joined(separator: ", ")); also looked in \(directories.joined(separator: ", ")))"))
            }
        }
        let chosen = theme ?? BuiltinThemes.default
        return ThemeResolution(theme: chosen.reduced(toColorCount: colorCount), problems: problems)
    }

    public static func load(path: String) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(file: path, line: nil, key: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try ThemeParser.parse(text, file: path)
    }
}
