import Foundation

/// While curses owns the terminal, anything written to standard error (a library's warning, a
/// stray log line) would land on the screen and garble it. This points file descriptor 2 at
/// the log file for that time and puts it back afterwards.
struct StandardErrorRedirect {
    private let saved: Int32
    private let file: Int32

    init?(to path: String) {
        let file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard file >= 0 else { return nil }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            close(file)
            if saved >= 0 { close(saved) }
            return nil
        }
        self.saved = saved
        self.file = file
    }

    func restore() {
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        close(file)
    }
}
