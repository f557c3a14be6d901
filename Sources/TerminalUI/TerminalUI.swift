/// The `TerminalUI` module. See the module map in the README for what lives here.
public enum TerminalUIModule {
    public static let name = "TerminalUI"
}
