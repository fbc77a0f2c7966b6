import Foundation
import Testing

/// Ordinary actions of an operator that must never lose, mix or expose records.
@Suite struct OperatorActionTests {
    static let account = SandboxProcess.account

    /// A feed saved against one API keeps using it when `CFACCESS_BASE_URL` (as the README's
    /// "Start here" exports it) or a saved `base-url` points at another: nothing of the other
    /// API's records reaches the feed, and `logs fetch --feed` reads the feed's API too.
    @Test func aFeedAlwaysUsesItsSavedBaseURL() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let own = ["--records", "300", "--seed", "11"]
        let ownSandbox = try SandboxProcess(own)
        let other = try SandboxProcess(["--records", "500", "--seed", "12"])
        let expected = try SandboxProcess.dataset(own, in: home.work)
        let output = home.work.appendingPathComponent("prod.ndjson").path
        let created = try home.run(["feed", "create", "prod", "--account", Self.account, "--token", "permitted", "--base-url", ownSandbox.baseURL,
                                    "--start", SandboxProcess.epoch, "--output", output, "--format", "raw", "--no-check"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try home.run(["config", "set", "base-url", other.baseURL]).status == 0)
        let environment = home.environment.merging(["CFACCESS_BASE_URL": other.baseURL]) { $1 }
        let ran = try CLI.run(home.arguments + ["feed", "run", "prod"], environment: environment)
        #expect(ran.status == 0, "\(ran.stderr)")
        let delivered = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(delivered.sorted() == expected.sorted())

        let fetched = try CLI.run(home.arguments + ["logs", "fetch", "--feed", "prod", "--since", SandboxProcess.epoch, "--format", "raw"],
                                  environment: environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdoutText.split(separator: "\n").map(String.init).sorted() == expected.sorted())
        // Naming another API for a feed is refused rather than silently mixed.
        let mixed = try home.run(["logs", "fetch", "--feed", "prod", "--base-url", other.baseURL, "--since", SandboxProcess.epoch])
        #expect(mixed.status == 64)
        let runWithURL = try home.run(["feed", "run", "prod", "--base-url", other.baseURL])
        #expect(runWithURL.status == 64)
    }

    /// `logs fetch -o` and `map -o`/`--rejects` never write into a feed's output or rejects
    /// file, by its path or through a link to it; the vault is unlocked before any output is made.
    @Test func oneOffCommandsNeverWriteIntoAFeedsFiles() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "300", "--seed", "4"])
        let output = home.work.appendingPathComponent("demo.ndjson").path
        #expect(try home.run(["feed", "create", "demo", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                              "--start", SandboxProcess.epoch, "--output", output, "--no-check"]).status == 0)
        #expect(try home.run(["feed", "run", "demo"]).status == 0)
        let delivered = try Data(contentsOf: URL(fileURLWithPath: output))
        let other = home.work.appendingPathComponent("other-name.ndjson").path
        #expect(link(output, other) == 0)
        for target in [output, other, output + ".rejects"] {
            let fetched = try home.run(["logs", "fetch", "--feed", "demo", "--since", SandboxProcess.epoch, "-o", target])
            #expect(fetched.status == 73, "\(fetched.stderr)")
            #expect(fetched.stderr.contains("of feed 'demo'"))
            let mapped = try home.run(["map", "-o", target, "-"], stdin: "{}\n".bytes)
            #expect(mapped.status == 73, "\(mapped.stderr)")
        }
        let rejects = try home.run(["map", "--rejects", output, "-"], stdin: "{}\n".bytes)
        #expect(rejects.status == 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == delivered)
        #expect(try home.run(["feed", "run", "demo"]).status == 0)

        // A wrong passphrase is found before the output file exists.
        let fresh = home.work.appendingPathComponent("fresh.ndjson").path
        let wrong = home.work.appendingPathComponent("wrong.txt")
        try "not the passphrase\n".write(to: wrong, atomically: true, encoding: .utf8)
        chmod(wrong.path, 0o600)
        let locked = try CLI.run(["--passphrase-file", wrong.path, "logs", "fetch", "--feed", "demo", "--since", SandboxProcess.epoch, "-o", fresh],
                                 environment: home.environment)
        #expect(locked.status == 77, "\(locked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
