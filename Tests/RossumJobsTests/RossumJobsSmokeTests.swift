import Testing
@testable import RossumJobs

@Test func RossumJobsModuleLinks() {
    #expect(RossumJobsModule.name == "RossumJobs")
}
