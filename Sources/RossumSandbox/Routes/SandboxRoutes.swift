import Hummingbird

/// The one place where route groups are registered.
///
/// Every group is a `register(on:services:)` function. The error and fault middlewares are
/// added to the router before this runs, so they apply to every route registered here,
/// `/svc/...` included. Route handlers call `services.auth.authenticatedUser(request)` to
/// require a valid token. To add a group (for example the Master Data Hub and Data Storage
/// services under `/svc/...`), add one line to `register` below.
public enum SandboxRoutes {
    public static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        AuthRoutes.register(on: router, services: services)
        AdminRoutes.register(on: router, services: services)
        AnnotationRoutes.register(on: router, services: services)
        ContentValidationRoutes.register(on: router, services: services)
        DocumentRoutes.register(on: router, services: services)
        ExportRoutes.register(on: router, services: services)
        ResourceRoutes.register(on: router, services: services)
        DataHubRoutes.register(on: router, services: services)
        RuleRoutes.register(on: router, services: services)
        AutomationRoutes.register(on: router, services: services)
        DocumentDeletion.register(on: router, services: services)
        DiagnosticRoutes.register(on: router, services: services)
        EmailRoutes.register(on: router, services: services)
        EmailThreadRoutes.register(on: router, services: services)
        HookCallRoutes.register(on: router, services: services)
        AnnotationActionRoutes.register(on: router, services: services)
        PageRoutes.register(on: router, services: services)
    }
}
