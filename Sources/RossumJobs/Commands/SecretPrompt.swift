import Foundation

/// Reads a password from the terminal with echo turned off (termios), restoring the terminal
/// settings afterwards even when reading fails.
public enum SecretPrompt {
    public static func read(prompt: String, output: OutputStreams) -> String? {
        output.writeErr(prompt)
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return Swift.readLine() }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            output.writeErr("\n")
        }
        return Swift.readLine()
    }
}
