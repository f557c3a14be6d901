import Foundation
import Testing

/// `scripts/install.sh` into a temporary prefix, from the programs built for the tests (a
/// release build takes minutes), then the installed copy used from a folder that is not the
/// checkout: help, completions, and every built-in theme, with `themes/` files still
/// overriding by name.
@Suite(.serialized, .enabled(if: consolePath() != nil && FileManager.default.isExecutableFile(atPath: "/bin/bash"), "rossum-tui or bash missing"))
struct InstallScriptTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh empty folder, removed by `cleanup`.
    static func emptyFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rossum-install-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `script` in bash from `folder` with a minimal environment; status and output.
    static func bash(_ script: String, in folder: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let quotedFolder = "'" + folder.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let variables = environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        return try runProcess("/bin/bash", ["-c", "cd \(quotedFolder) && env -i PATH=/usr/bin:/bin HOME=\(quotedFolder) \(variables) bash -c '\(script.replacingOccurrences(of: "'", with: "'\\''"))'"])
    }

    func install(prefix: String, extra: String = "") throws -> (status: Int32, output: String) {
        let built = try #require(consolePath()).replacingOccurrences(of: "/rossum-tui", with: "", options: [.backwards, .anchored])
        return try Self.bash("\(Self.packageRoot.path)/scripts/install.sh --prefix '\(prefix)' \(extra)", in: prefix,
                             environment: ["ROSSUM_INSTALL_FROM": built])
    }

    @Test func installsRunsFromAnywhereAndUninstalls() throws {
        let prefix = try Self.emptyFolder()
        let elsewhere = try Self.emptyFolder()
        defer { for path in [prefix, elsewhere] { try? FileManager.default.removeItem(atPath: path) } }
        let installed = try install(prefix: prefix)
        try #require(installed.status == 0, "install.sh failed:\n\(installed.output)")
        for file in ["bin/rossum-tui", "bin/rossum-sandbox", "share/bash-completion/completions/rossum-tui",
                     "share/zsh/site-functions/_rossum-tui", "share/fish/vendor_completions.d/rossum-tui.fish"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: prefix + "/" + file)[.size] as? Int) ?? 0
            #expect(size > 0, "\(file) installed")
        }
        #expect(installed.output.contains("man pages skipped"))

        let help = try Self.bash("rossum-tui demo --help", in: elsewhere, environment: ["PATH": "\(prefix)/bin:/usr/bin:/bin"])
        #expect(help.status == 0 && help.output.contains("--theme"), "\(help.output)")
        let sandbox = try Self.bash("rossum-sandbox --help", in: elsewhere, environment: ["PATH": "\(prefix)/bin:/usr/bin:/bin"])
        #expect(sandbox.status == 0 && sandbox.output.contains("--faults"), "\(sandbox.output)")

        let completion = try Self.bash("rossum-tui --generate-completion-script bash > c.bash && source c.bash && complete -p rossum-tui",
                                       in: elsewhere, environment: ["PATH": "\(prefix)/bin:/usr/bin:/bin"])
        #expect(completion.status == 0 && completion.output.contains("rossum-tui"), "\(completion.output)")
        let installedCompletion = try Self.bash("source '\(prefix)/share/bash-completion/completions/rossum-tui' && complete -p rossum-tui", in: elsewhere)
        #expect(installedCompletion.status == 0 && installedCompletion.output.contains("complete -"), "\(installedCompletion.output)")

        // Installing again over a copy replaces it; uninstalling removes exactly what was installed.
        #expect(try install(prefix: prefix).status == 0)
        try "mine".write(toFile: prefix + "/bin/other-tool", atomically: true, encoding: .utf8)
        let removed = try install(prefix: prefix, extra: "--uninstall")
        #expect(removed.status == 0, "\(removed.output)")
        for file in ["bin/rossum-tui", "bin/rossum-sandbox", "share/bash-completion/completions/rossum-tui",
                     "share/zsh/site-functions/_rossum-tui", "share/fish/vendor_completions.d/rossum-tui.fish"] {
            #expect(!FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) removed")
        }
        #expect(FileManager.default.fileExists(atPath: prefix + "/bin/other-tool"), "nothing else is touched")
        #expect(try install(prefix: prefix, extra: "--bogus").status == 2)
    }

    /// The installed console, started from an empty folder, has every built-in theme; a file
    /// `themes/NAME.yaml` in the current folder, or in the config folder, overrides it by name.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux missing")) func everyBuiltInThemeWorksFromAnEmptyFolder() throws {
        let prefix = try Self.emptyFolder()
        let elsewhere = try Self.emptyFolder()
        defer { for path in [prefix, elsewhere] { try? FileManager.default.removeItem(atPath: path) } }
        try #require(try install(prefix: prefix).status == 0)
        let shipped = try String(contentsOf: Self.packageRoot.appendingPathComponent("themes/light.yaml"), encoding: .utf8)
        func themeFile(_ path: String, name: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try shipped.replacingOccurrences(of: "name: light", with: "name: \(name)").write(toFile: path, atomically: true, encoding: .utf8)
        }
        try themeFile(elsewhere + "/themes/light.yaml", name: "folder-light")
        try themeFile(elsewhere + "/config/rossum-tui/themes/monochrome.yaml", name: "config-monochrome")

        let session = try TmuxSession(width: 120, height: 35)
        try session.typeLine("unset NO_COLOR; cd '\(elsewhere)'; export XDG_CONFIG_HOME='\(elsewhere)/config'")
        try startDemo(session, extra: "--no-live --theme solarized-dark", binary: prefix + "/bin/rossum-tui")
        #expect(try !session.screen().contains("theme:"), "solarized-dark is built in")
        let expected = ["default": "default", "high-contrast": "high-contrast", "solarized-dark": "solarized-dark",
                        "light": "folder-light", "monochrome": "config-monochrome"]
        for (name, shown) in expected.sorted(by: { $0.key < $1.key }) {
            try session.type(":theme \(name)")
            try session.press("Enter")
            // The flash line says the theme's own name: a file's `name:` shows it was that file.
            let flashed = { (screen: String) in screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "theme \(shown)" } }
            let said = try session.waitForScreen { flashed($0) || $0.contains("theme \(name):") }
            #expect(flashed(said.screen), ":theme \(name) shows \(shown):\n\(said.screen)")
        }
        try session.press("q")
        #expect(try session.waitFor("MARKER-0").matched)
    }
}
