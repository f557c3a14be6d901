import Hummingbird
import NIOCore

/// The request context of every sandbox route.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on: the `applied_then_drop` fault closes it, and its
    /// local address is the sandbox's own when a request's `Host` cannot be trusted.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Rossum accepts uploads up to 40 MB; anything over 50 MB is refused with 413.
    public var maxUploadSize: Int { RequestInput.maximumBodySize }
}
