/// The `Console` module. See the module map in the README for what lives here.
public enum ConsoleModule {
    public static let name = "Console"
}
