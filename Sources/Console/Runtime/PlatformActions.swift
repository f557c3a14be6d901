import Foundation

/// Opening URLs: `xdg-open` when there is one (and a display), otherwise the URL is copied to
/// the clipboard with OSC 52, which most terminals (and tmux) pass on, and shown in the flash.
public struct PlatformActions: Sendable {
    /// Writes raw bytes to the terminal (OSC 52); injected so tests and curses stay apart.
    public var writeToTerminal: @Sendable (String) -> Void

    public init(writeToTerminal: @escaping @Sendable (String) -> Void = { sequence in
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }) {
        self.writeToTerminal = writeToTerminal
    }

    /// True when a browser was started; false when the URL went to the clipboard instead.
    public func open(_ url: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let hasDisplay = environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil
        if hasDisplay, let opener = Self.findExecutable("xdg-open") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil { return true }
        }
        writeToTerminal(Self.osc52(url))
        return false
    }

    /// `ESC ] 52 ; c ; base64 BEL`
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
