import Testing
@testable import Commands

/// Start-up hardening that fails is said, naming what failed.
@Suite struct HardeningTests {
    @Test func saysWhichStepFailed() {
        #expect(Cfaccess.hardeningWarning(failedSteps: 0) == nil)
        #expect(Cfaccess.hardeningWarning(failedSteps: 1)
            == "core dumps could not be turned off; secrets in memory may reach a core file or a debugger of your user")
        #expect(Cfaccess.hardeningWarning(failedSteps: 3)?.hasPrefix("core dumps could not be turned off and the process could not be marked non-dumpable") == true)
    }
}
