/// The `NcursesBackend` module. See the module map in the README for what lives here.
public enum NcursesBackendModule {
    public static let name = "NcursesBackend"
}
