import Testing
@testable import RossumKit

@Test func RossumKitModuleLinks() {
    #expect(RossumKitModule.name == "RossumKit")
}
