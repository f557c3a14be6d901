import Hummingbird

/// The request context of every sandbox route.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Rossum accepts uploads up to 40 MB; anything over 50 MB is refused with 413.
    public var maxUploadSize: Int { RequestInput.maximumBodySize }
}
