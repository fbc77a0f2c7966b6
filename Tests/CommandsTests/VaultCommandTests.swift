import Foundation
import Testing

/// The vault and token commands through the built binary: several processes at once, processes
/// killed mid-write, passphrase sources, refusals, and output that never shows a secret.
@Suite struct VaultCommandTests {
    static let passphrase = "command test passphrase (test only)"

    /// A home with a vault (cheap `interactive` KDF) and a private passphrase file.
    static func home() throws -> (work: URL, arguments: [String], environment: [String: String]) {
        let work = try CLI.temporaryDirectory()
        let passFile = work.appendingPathComponent("pass.txt")
        try (passphrase + "\n").write(to: passFile, atomically: true, encoding: .utf8)
        #expect(chmod(passFile.path, 0o600) == 0)
        let environment = ["CFACCESS_HOME": work.appendingPathComponent("home").path]
        let arguments = ["--passphrase-file", passFile.path]
        let created = try CLI.run(arguments + ["vault", "init", "--kdf", "interactive"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        return (work, arguments, environment)
    }

    static func token(_ index: Int, _ tag: String = "") -> String {
        "cfut_FakeTestToken\(tag)" + String(format: "%04d", index) + String(repeating: "0", count: 30)
    }

    /// A script adding `names`, each token on the line after its command.
    static func script(_ names: [String], tag: String) -> Data {
        names.enumerated().map { index, name in "token add \(name) --from-file -\n\(token(index, tag))\n" }.joined().bytes
    }

    static func names(_ setup: (work: URL, arguments: [String], environment: [String: String])) throws -> [String] {
        let listed = try CLI.run(setup.arguments + ["token", "list", "--json"], environment: setup.environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        let entries = try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]] ?? []
        return entries.compactMap { $0["name"] as? String }
    }

    @Test func concurrentWritersLoseNothing() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let writers = 6, each = 5
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let names = (0..<each).map { "w\(writer)-t\($0)" }
            let outcome = try? CLI.run(setup.arguments, stdin: Self.script(names, tag: "W\(writer)"), environment: setup.environment)
            #expect(outcome?.status == 0, "\(outcome?.stderr ?? "did not run")")
        }
        let names = try Self.names(setup)
        #expect(names.count == writers * each)
        #expect(Set(names) == Set((0..<writers).flatMap { writer in (0..<each).map { "w\(writer)-t\($0)" } }))
    }

    /// A backup that cannot be written does not hide that the token was saved: the message says
    /// the change is in the vault and the backup a change behind; the next change catches up.
    @Test func aBackupThatCannotBeWrittenSaysTheTokenIsSaved() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let home = setup.work.appendingPathComponent("home")
        let backup = home.appendingPathComponent("vault.bak").path
        let before = try Data(contentsOf: URL(fileURLWithPath: backup))
        // The disk fills up just as the new backup's temporary file is created.
        let full = CrashPointTests.faults(root: home, at: 1, mode: .enospc, match: "vault.bak.tmp")
        let added = try CLI.run(setup.arguments + ["token", "add", "prod", "--from-file", "-"], stdin: (Self.token(1) + "\n").bytes,
                                environment: setup.environment.merging(full) { _, new in new })
        #expect(added.status == 74, "\(added.stderr)")
        #expect(added.stderr.contains("the change is saved in '"))
        #expect(added.stderr.contains("its backup could not be written"))
        #expect(added.stderr.contains("no space left on device"))
        #expect(added.stderr.contains("'vault.bak' is one change behind"))
        #expect(added.stderr.contains("nothing needs to be done again"))
        #expect(!added.stderr.contains(Self.token(1)))
        #expect(try Self.names(setup) == ["prod"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before)
        // The next change writes the backup, holding both tokens.
        let next = try CLI.run(setup.arguments + ["token", "add", "stage", "--from-file", "-"], stdin: (Self.token(2) + "\n").bytes,
                               environment: setup.environment)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == (try Data(contentsOf: home.appendingPathComponent("vault"))))
    }

    /// Killing a writer at any moment leaves a vault that opens, holding the tokens added so far.
    @Test func survivesRepeatedKills() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let scriptFile = setup.work.appendingPathComponent("adds.cfa")
        var added = 0
        for round in 0..<8 {
            let names = (0..<40).map { String(format: "r%02d-t%02d", round, $0) }
            try Self.script(names, tag: "R\(round)").write(to: scriptFile)
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = setup.arguments + ["-f", scriptFile.path]
            process.environment = setup.environment
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(100_000 + round * 60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stored = try Self.names(setup)
            let thisRound = stored.filter { $0.hasPrefix(String(format: "r%02d-", round)) }
            // Scripts run in order, so what survived is a prefix of this round's names.
            #expect(thisRound == Array(names.prefix(thisRound.count)))
            added += thisRound.count
            #expect(stored.count == added)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: setup.environment["CFACCESS_HOME"]!)
            // A write killed midway leaves its temporary file (encrypted, 0600): of the vault, or of
            // the backup written after it.
            .filter { !["vault", "vault.bak", "vault.lock"].contains($0) && !$0.hasPrefix(".vault.tmp") && !$0.hasPrefix(".vault.bak.tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func wrongPassphraseIsExit77AndChangesNothing() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let vault = URL(fileURLWithPath: setup.environment["CFACCESS_HOME"]! + "/vault")
        let before = try Data(contentsOf: vault)
        let wrong = setup.work.appendingPathComponent("wrong.txt")
        try "not the passphrase\n".write(to: wrong, atomically: true, encoding: .utf8)
        #expect(chmod(wrong.path, 0o600) == 0)
        let outcome = try CLI.run(["--passphrase-file", wrong.path, "token", "add", "x", "--from-file", "-"],
                                  stdin: (Self.token(1) + "\n").bytes, environment: setup.environment)
        #expect(outcome.status == 77)
        #expect(outcome.stderr == """
            cfaccess: error: cannot open the vault: wrong passphrase, or the vault file was altered
            cfaccess: hint: nothing was changed; check the passphrase and try again; if the passphrase is right the file was damaged: \
            '\(vault.path).bak' is a verified copy of the vault as last written: 'cfaccess vault restore' checks that it opens and puts it back

            """)
        #expect(try Data(contentsOf: vault) == before)
    }

    @Test func unsafeFilesAreExit77WithTheFix() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let vault = setup.environment["CFACCESS_HOME"]! + "/vault"
        #expect(chmod(vault, 0o644) == 0)
        let outcome = try CLI.run(setup.arguments + ["token", "list"], environment: setup.environment)
        #expect(outcome.status == 77)
        #expect(outcome.stderr == "cfaccess: error: '\(vault)' is accessible by other users (mode 644)\ncfaccess: hint: run: chmod 600 '\(vault)'\n")

        #expect(chmod(vault, 0o600) == 0)
        let loosePass = setup.work.appendingPathComponent("loose.txt")
        try "x\n".write(to: loosePass, atomically: true, encoding: .utf8)
        #expect(chmod(loosePass.path, 0o644) == 0)
        let refused = try CLI.run(["--passphrase-file", loosePass.path, "token", "list"], environment: setup.environment)
        #expect(refused.status == 77)
        #expect(refused.stderr == "cfaccess: error: refusing to read the passphrase from '\(loosePass.path)': it is accessible by other users (mode 644)\n"
            + "cfaccess: hint: run: chmod 600 '\(loosePass.path)'\n", "\(refused.stderr)")
    }

    @Test func passphraseSources() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let fromDescriptor = try CLI.run(["--passphrase-fd", "0", "token", "list", "--json"],
                                         stdin: (Self.passphrase + "\n").bytes, environment: setup.environment)
        #expect(fromDescriptor.status == 0, "\(fromDescriptor.stderr)")
        var environment = setup.environment
        environment["CFACCESS_PASSPHRASE_FILE"] = setup.arguments[1]
        #expect(try CLI.run(["token", "list", "--json"], environment: environment).status == 0)
        environment["CFACCESS_PASSPHRASE_FILE"] = nil
        environment["CFACCESS_PASSPHRASE"] = Self.passphrase
        let fromVariable = try CLI.run(["token", "list", "--json"], environment: environment)
        #expect(fromVariable.status == 0)
        #expect(fromVariable.stderr.hasPrefix("cfaccess: warning: reading the passphrase from CFACCESS_PASSPHRASE"))
    }

    @Test func outputNeverShowsTheSecret() throws {
        let setup = try Self.home()
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let secret = Self.token(7)
        var environment = setup.environment
        environment["MY_TOKEN"] = "  " + secret + "\n"
        let added = try CLI.run(setup.arguments + ["token", "add", "prod", "--from-env", "MY_TOKEN"], environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        let twin = try CLI.run(setup.arguments + ["token", "add", "again", "--from-file", "-"], stdin: (secret + "\n").bytes,
                               environment: environment)
        #expect(twin.stderr.contains("cfaccess: warning: the same token is already stored as 'prod'"))
        var everything = added.stderr + twin.stderr
        for command in [["token", "list"], ["token", "list", "--json"], ["token", "show", "prod"], ["token", "show", "prod", "--json"],
                        ["vault", "status"], ["vault", "status", "--json"]] {
            let outcome = try CLI.run(setup.arguments + command, environment: setup.environment)
            #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
            everything += outcome.stdoutText + outcome.stderr
        }
        #expect(!everything.contains(secret))
        #expect(!everything.contains(String(secret.dropFirst(5).prefix(20))))
        #expect(everything.contains("cfut_…0000"))
        let show = try CLI.run(setup.arguments + ["token", "show", "prod", "--json"], environment: setup.environment)
        let object = try JSONSerialization.jsonObject(with: show.stdout) as? [String: Any]
        #expect(object?["length"] as? Int == secret.count)
        #expect(object?["fingerprint"] as? String == "cfut_…0000")
        let status = try CLI.run(setup.arguments + ["vault", "status", "--json"], environment: setup.environment)
        let report = try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any]
        #expect(report?["entries"] as? Int == 2)
        #expect((report?["kdf"] as? [String: Any])?["level"] as? String == "interactive")

        let rotated = try CLI.run(setup.arguments + ["token", "rotate", "prod", "--from-file", "-"], stdin: (Self.token(8) + "\n").bytes,
                                  environment: setup.environment)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let removed = try CLI.run(setup.arguments + ["token", "remove", "again"], environment: setup.environment)
        #expect(removed.status == 0)
        #expect(try Self.names(setup) == ["prod"])
        let unknown = try CLI.run(setup.arguments + ["token", "remove", "again"], environment: setup.environment)
        #expect(unknown.status == 78)
        #expect(unknown.stderr == "cfaccess: error: no token named 'again'\ncfaccess: hint: see 'cfaccess token list'\n")
    }

    /// A damaged vault: `vault status` says what is wrong and what to do; `vault restore` checks
    /// that `vault.bak` opens, puts it back, and keeps the damaged file aside.
    @Test func statusNamesTheDamageAndRestorePutsTheBackupBack() throws {
        let (work, arguments, environment) = try Self.home()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(arguments, stdin: Self.script(["first", "second"], tag: "R"), environment: environment).status == 0)
        let vault = environment["CFACCESS_HOME"]! + "/vault"
        try Data("CFAVAULT".utf8).write(to: URL(fileURLWithPath: vault))
        let status = try CLI.run(arguments + ["vault", "status"], environment: environment)
        #expect(status.status == 77)
        #expect(status.stdoutText.contains("state:       damaged (cannot open the vault: the vault file is too short to be a vault (truncated?))"))
        #expect(status.stderr.contains("'cfaccess vault restore' checks that it opens and puts it back"))
        let restored = try CLI.run(arguments + ["vault", "restore"], environment: environment)
        #expect(restored.status == 0, "\(restored.stderr)")
        // The backup is the vault as last written: both tokens come back.
        #expect(restored.stderr.contains("(2 tokens); the vault it replaced is kept as '\(vault).damaged'"))
        let listed = try CLI.run(arguments + ["token", "list", "--json"], environment: environment)
        #expect(listed.status == 0)
        #expect(listed.stdoutText.contains("\"name\":\"first\"") && listed.stdoutText.contains("\"name\":\"second\""))
        #expect(try Data(contentsOf: URL(fileURLWithPath: vault + ".damaged")) == Data("CFAVAULT".utf8))
        // A backup that does not open with the passphrase is not put back.
        let wrong = work.appendingPathComponent("wrong.txt")
        try "not the passphrase\n".write(to: wrong, atomically: true, encoding: .utf8)
        #expect(chmod(wrong.path, 0o600) == 0)
        let refused = try CLI.run(["--passphrase-file", wrong.path, "vault", "restore"], environment: environment)
        #expect(refused.status == 77)
        #expect(try CLI.run(arguments + ["token", "list"], environment: environment).status == 0)
    }

    /// A healthy vault is never rolled back: `vault restore` refuses it, and `--force` names
    /// the tokens it would drop first; an earlier `vault.damaged` is never overwritten.
    @Test func restoreNeverRollsBackAHealthyVault() throws {
        let (work, arguments, environment) = try Self.home()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(arguments, stdin: Self.script(["first"], tag: "H"), environment: environment).status == 0)
        let home = environment["CFACCESS_HOME"]!
        // A backup from before 'second' (as an operator might copy one back by hand).
        try FileManager.default.copyItem(atPath: home + "/vault.bak", toPath: work.appendingPathComponent("old.bak").path)
        #expect(try CLI.run(arguments, stdin: Self.script(["second"], tag: "H"), environment: environment).status == 0)
        let refused = try CLI.run(arguments + ["vault", "restore"], environment: environment)
        #expect(refused.status == 78, "\(refused.stderr)")
        #expect(refused.stderr.contains("the vault opens; there is nothing to restore"))
        #expect(try Self.names((work, arguments, environment)) == ["first", "second"])

        #expect(rename(work.appendingPathComponent("old.bak").path, home + "/vault.bak") == 0)
        try Data("earlier damage".utf8).write(to: URL(fileURLWithPath: home + "/vault.damaged"))
        chmod(home + "/vault.damaged", 0o600)
        let forced = try CLI.run(arguments + ["vault", "restore", "--force"], environment: environment)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("warning: restoring would drop or roll back 'second'"))
        #expect(forced.stderr.contains("kept as '\(home)/vault.damaged.2'"))
        #expect(try String(contentsOfFile: home + "/vault.damaged", encoding: .utf8) == "earlier damage")
    }
}
