import Testing
@testable import Console

@Test func ConsoleModuleLinks() {
    #expect(ConsoleModule.name == "Console")
}
