/// The `RossumJobs` module. See the module map in the README for what lives here.
public enum RossumJobsModule {
    public static let name = "RossumJobs"
}
