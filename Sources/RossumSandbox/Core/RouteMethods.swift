import Hummingbird
import Synchronization

/// Which methods each registered path answers, so a known path called with another method is a
/// 405 `{"detail": "Method \"X\" not allowed."}` (as Rossum answers) rather than a 404.
final class RouteMethods: Sendable {
    private let routes = Mutex<[(segments: [Substring], method: String)]>([])

    /// Reads the router's table once every route group is registered.
    func record(_ router: Router<SandboxRequestContext>) {
        let table = router.routes.map { route in
            (route.path.description.split(separator: "/"), route.method.rawValue)
        }
        routes.withLock { $0 = table }
    }

    /// Methods allowed on `path` (empty when no route has this shape).
    func allowed(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in
            routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0.hasPrefix(":") || $0 == $1 }
            }.map(\.method)
        }
    }
}
