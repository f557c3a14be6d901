/// The `RossumKit` module. See the module map in the README for what lives here.
public enum RossumKitModule {
    public static let name = "RossumKit"
}
