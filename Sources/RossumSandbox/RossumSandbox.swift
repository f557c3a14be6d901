/// The `RossumSandbox` module. See the module map in the README for what lives here.
public enum RossumSandboxModule {
    public static let name = "RossumSandbox"
}
