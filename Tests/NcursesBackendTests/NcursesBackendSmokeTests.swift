import Testing
@testable import NcursesBackend

@Test func NcursesBackendModuleLinks() {
    #expect(NcursesBackendModule.name == "NcursesBackend")
}
