import Foundation
import Testing

/// Whole sessions in `Sessions/`: a script of commands (`NAME.cfaccess`) run in batch mode
/// against a pinned sandbox, and the exact standard output it must give (`NAME.stdout`).
@Suite struct SessionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sessions")

    /// Who was denied in the last hour, where one user logged in from, which app gets the most
    /// denials: three questions, three commands, over real HTTP.
    @Test func anInvestigationAnswersItsThreeQuestions() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "1500", "--seed", "41"])
        for (key, value) in [("account", SandboxProcess.account), ("token", "permitted")] {
            #expect(try home.run(["config", "set", key, value]).status == 0)
        }
        let script = try Data(contentsOf: Self.directory.appendingPathComponent("investigation.cfaccess"))
        let outcome = try CLI.run(home.arguments + ["--echo"], stdin: script,
                                  environment: home.environment.merging(["CFACCESS_BASE_URL": sandbox.baseURL]) { $1 })
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let expected = try String(contentsOf: Self.directory.appendingPathComponent("investigation.stdout"), encoding: .utf8)
        #expect(outcome.stdoutText == expected)
        #expect(outcome.stderr.contains("+ logs summary --since 2025-07-01T00:00:00Z --denied --by app --top 3"))
    }
}
