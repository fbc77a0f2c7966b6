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

    /// `--quiet` leaves only warnings and errors on stderr (the README's cron line relies on it).
    @Test func quietPrintsOnlyWarningsAndErrors() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "100", "--seed", "6"])
        let output = home.work.appendingPathComponent("q.ndjson").path
        #expect(try home.run(["feed", "create", "q", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                              "--start", SandboxProcess.epoch, "--output", output, "--no-check"]).status == 0)
        let commands: [[String]] = [
            ["--quiet", "feed", "run", "q"],
            ["logs", "fetch", "--quiet", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
             "--since", SandboxProcess.epoch, "-o", home.work.appendingPathComponent("f.ndjson").path],
            ["--quiet", "map", "-o", home.work.appendingPathComponent("m.ndjson").path, "Tests/NormalizerTests/Goldens/users.input.ndjson"],
            ["config", "set", "account", Self.account, "--quiet"],
        ]
        for command in commands {
            let outcome = try home.run(command, in: CLI.projectRoot)
            #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.isEmpty, "\(command): \(outcome.stderr)")
        }
        let failing = try home.run(["--quiet", "map", "-"], stdin: "{}\n".bytes)
        #expect(failing.status == 65)
        #expect(failing.stderr.contains("cfaccess: error: 1 record rejected"))
    }

    /// A feed needs a file in a directory that exists and is writable: checked when it is saved.
    @Test func aFeedsOutputIsCheckedWhenItIsSaved() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let base = ["feed", "create", "prod", "--account", Self.account, "--token", "permitted", "--no-check", "--output"]
        let stdout = try home.run(base + ["-"])
        #expect(stdout.status == 64)
        #expect(stdout.stderr.contains("a feed writes to files, not to standard output"))
        let missing = home.work.appendingPathComponent("no/such/dir/prod.ndjson").path
        let refused = try home.run(base + [missing])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("does not exist"))
        #expect(refused.stderr.contains("mkdir -p '\(home.work.path)/no/such/dir'"))
        #expect(try home.run(["feed", "list", "--json"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    /// Diagnoses say what is wrong: an expired or disabled token is said to be so (not a missing
    /// permission), an unreachable API is named, a failed check shows as failed in `token list`.
    @Test func diagnosesNameTheRealCause() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "10"])
        for (token, says) in [("expired", "the token expired on 2025-01-01T00:00:00"), ("disabled", "the token is disabled")] {
            let fetched = try home.run(["logs", "fetch", "--account", Self.account, "--token", token, "--base-url", sandbox.baseURL, "--since", "1h"])
            #expect(fetched.status == 77)
            #expect(fetched.stderr.contains(says), "\(fetched.stderr)")
            #expect(!fetched.stderr.contains("lacks the permission"), "\(fetched.stderr)")
        }
        let unreachable = try home.run(["logs", "fetch", "--account", Self.account, "--token", "permitted", "--base-url",
                                        "http://127.0.0.1:9/client/v4", "--since", "1h"])
        #expect(unreachable.status == 69)
        #expect(unreachable.stderr.contains("cannot reach Cloudflare at 'http://127.0.0.1:9/client/v4'"), "\(unreachable.stderr)")
        let check = try home.run(["token", "check-scopes", "noPermission", "--account", Self.account, "--base-url", sandbox.baseURL])
        #expect(check.status == 77)
        let listed = try home.run(["token", "list"])
        let row = listed.stdoutText.split(separator: "\n").first { $0.hasPrefix("noPermission") } ?? ""
        // The token itself verified; the account is what it cannot read, said apart.
        #expect(row.contains("pass at ") && row.contains("; cannot read account \(Self.account)"), "\(listed.stdoutText)")
        let future = try home.run(["logs", "fetch", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                   "--since", "2999-01-01T00:00:00Z"])
        #expect(future.status == 64)
        #expect(future.stderr.contains("is in the future"))
    }

    /// The table a person triaging a denied login reads shows the source IP and country.
    @Test func theTableShowsSourceIPAndCountry() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "5", "--seed", "9"]
        let sandbox = try SandboxProcess(data)
        let dataset = try SandboxProcess.dataset(data, in: home.work)
        let table = try home.run(["logs", "fetch", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                  "--since", SandboxProcess.epoch, "--format", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdoutText.hasPrefix("TIME "))
        #expect(table.stdoutText.contains(/TIME +RESULT +USER +APPLICATION +SOURCE IP +CC +IDP/))
        let first = try JSONSerialization.jsonObject(with: Data(dataset[0].utf8)) as? [String: Any] ?? [:]
        let row = table.stdoutText.split(separator: "\n").first { $0.hasPrefix(first["created_at"] as? String ?? "?") } ?? ""
        #expect(row.contains(first["ip_address"] as? String ?? "?"), "\(row)")
        #expect(row.contains((first["country"] as? String ?? "?").uppercased()), "\(row)")
        #expect(row.contains(first["connection"] as? String ?? "?") && row.contains(first["user_email"] as? String ?? "?"), "\(row)")
    }

    /// `cfaccess history` from argv shows the saved history.
    @Test func historyFromArgvShowsTheSavedHistory() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let history = home.home + "/history"
        try "vault status\nfeed list\n".write(toFile: history, atomically: true, encoding: .utf8)
        chmod(history, 0o600)
        let shown = try home.run(["history"])
        #expect(shown.status == 0)
        #expect(shown.stdoutText == "    1  vault status\n    2  feed list\n")
    }
}
