import Testing
@testable import RossumSandbox

@Test func RossumSandboxModuleLinks() {
    #expect(RossumSandboxModule.name == "RossumSandbox")
}
