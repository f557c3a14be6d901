/// `--live`: keeps the demo moving while it runs.
enum LiveMode {
    static func startIfConfigured(_ services: SandboxServices) {
        guard services.configuration.live else { return }
        DataHubLiveMode.start(services)
    }
}
