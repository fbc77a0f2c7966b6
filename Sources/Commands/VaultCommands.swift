import ArgumentParser
import Normalizer
import Shell
import Vault
#if canImport(Glibc)
import Glibc
#endif

extension KDFParameters.Level: ExpressibleByArgument {}

/// `cfaccess vault …`: the encrypted token store (DESIGN.md §2, §5).
struct VaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract: "Create, inspect, re-key or lock the encrypted token vault.",
        subcommands: [VaultInit.self, VaultStatus.self, VaultPasswd.self, VaultLock.self, VaultRestore.self]
    )
}

struct VaultInit: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the vault (the new passphrase is asked twice).",
        discussion: """
            Examples:
              cfaccess vault init
              cfaccess vault init --kdf sensitive \\
                  --passphrase-file ~/.config/cfaccess/passphrase
            """
    )

    @Option(help: "Argon2id cost: interactive (fast), moderate (about 0.4 s and 256 MiB), sensitive (about 3 s and 1 GiB).")
    var kdf: KDFParameters.Level = .moderate

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.vault.store
        if store.exists { throw VaultError.alreadyExists(store.path).failure }
        let passphrase = try Passphrase(session: session).new()
        let key = try vaultCall { () throws(VaultError) in try store.create(passphrase: passphrase, parameters: KDFParameters(kdf)) }
        session.vault.remember(key)
        Console.status("vault", "created '\(store.path)' (Argon2id \(kdf.rawValue))")
        return .status(0)
    }
}

struct VaultStatus: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the vault's path, permissions, key derivation and entries.")

    @Flag(help: "Machine-readable output.")
    var json = false

    struct Report: Encodable {
        var path: String
        var exists: Bool
        var permissions: String
        var kdf: KDF?
        var entries: Int?
        var unlocked: Bool
        var damaged: String?

        struct KDF: Encodable {
            var algorithm = "argon2id"
            var level: String?
            var opslimit: UInt64
            var memlimit: UInt64
        }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let access = session.vault
        let store = access.store
        var report = Report(path: store.path, exists: store.exists, permissions: "ok", unlocked: access.isUnlocked)
        var problem: CommandFailure?
        do throws(VaultError) {
            try store.checkPermissions()
        } catch {
            report.permissions = error.failure.message
            problem = error.failure
        }
        if report.exists && problem == nil {
            let parameters: KDFParameters
            do throws(VaultError) {
                parameters = try store.parameters()
            } catch {
                // Say what is wrong and what to do, with the rest of the status.
                report.permissions = "ok"
                report.damaged = error.failure.message
                problem = error.failure
                return try finish(report, problem: problem)
            }
            report.kdf = .init(level: parameters.level?.rawValue, opslimit: parameters.opsLimit, memlimit: parameters.memLimit)
            // Count entries only when that needs no prompt.
            if access.isUnlocked || Passphrase(session: session).isConfigured {
                let key = try access.unlock { () throws(CommandFailure) in try Passphrase(session: session).current() }
                report.entries = try vaultCall { () throws(VaultError) in try store.entries(with: key).count }
                report.unlocked = true
            }
        }
        return try finish(report, problem: problem)
    }

    private func finish(_ report: Report, problem: CommandFailure?) throws -> ShellOutcome {
        if json {
            Console.writeOutput(try JSONText.encode(report) + "\n")
        } else {
            var lines = ["path:        \(report.path)"]
            lines.append("exists:      \(report.exists ? "yes" : "no (create it with 'cfaccess vault init')")")
            lines.append("permissions: \(report.permissions)")
            if let kdf = report.kdf {
                lines.append("kdf:         Argon2id\(kdf.level.map { " \($0)" } ?? ""), opslimit \(kdf.opslimit), memlimit \(kdf.memlimit >> 20) MiB")
            }
            if let damaged = report.damaged {
                lines.append("state:       damaged (\(damaged))")
            } else if report.exists {
                lines.append("entries:     \(report.entries.map(String.init) ?? "unknown while locked")")
                lines.append("state:       \(report.unlocked ? "unlocked" : "locked")")
            }
            Console.writeOutput(lines.joined(separator: "\n") + "\n")
        }
        if let problem { throw problem }
        return .status(0)
    }
}

struct VaultPasswd: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--new-passphrase-file"]

    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Re-encrypt the vault under a new passphrase.")

    @Option(name: .customLong("new-passphrase-file"), help: ArgumentHelp("Read the new passphrase from this file.", valueName: "path"),
            completion: .file())
    var newPassphraseFile: String?

    @Option(help: "Also change the Argon2id cost.")
    var kdf: KDFParameters.Level?

    func run(in session: ShellSession) throws -> ShellOutcome {
        let access = session.vault
        let key = try access.unlock { () throws(CommandFailure) in try Passphrase(session: session).current() }
        let override = try newPassphraseFile.map { path throws(CommandFailure) in
            try SecretInput.file(path, what: "new passphrase", session: session)
        }
        let passphrase: SecretBytes
        if let override {
            passphrase = try Passphrase(session: session).new(configured: override)
        } else {
            guard let typed = try SecretInput.prompt("New vault passphrase: ") else {
                throw CommandFailure(.configuration, "no new passphrase: there is no terminal to ask on",
                                     hint: "give it with --new-passphrase-file PATH")
            }
            passphrase = try Passphrase(session: session).new(configured: try confirmed(typed))
        }
        let newKey = try vaultCall { () throws(VaultError) in
            try access.store.changePassphrase(with: key, to: passphrase, parameters: kdf.map(KDFParameters.init))
        }
        access.remember(newKey)
        Console.status("vault", "passphrase changed; 'vault.bak' is a copy of the vault under the new passphrase")
        return .status(0)
    }

    private func confirmed(_ first: SecretBytes) throws(CommandFailure) -> SecretBytes {
        guard let second = try SecretInput.prompt("Repeat the passphrase: ") else { return first }
        guard first.equals(second) else {
            throw CommandFailure(.dataError, "the two passphrases differ", hint: "nothing was changed; try again")
        }
        return first
    }
}

struct VaultLock: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Forget the vault key in this shell (it also goes after 15 idle minutes).")

    func run(in session: ShellSession) throws -> ShellOutcome {
        session.vault.forget()
        Console.status("vault", "locked")
        return .status(0)
    }
}

struct VaultRestore: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put vault.bak back when the vault does not open (the damaged vault is kept as vault.damaged).",
        discussion: """
            vault.bak is a verified copy of the vault, written after every change. A vault that \
            still opens is not replaced unless --force is given; the tokens the backup would drop \
            or roll back are named first. The replaced vault is kept as vault.damaged (then \
            vault.damaged.2, …): an earlier one is never overwritten.
            """)

    @Flag(help: "Replace a vault that opens, after naming the tokens that would be dropped or rolled back.")
    var force = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.vault.store
        guard access(store.backupPath, F_OK) == 0 else {
            throw CommandFailure(.configuration, "there is no '\(store.backupPath)' to restore", hint: "nothing was changed")
        }
        let passphrase = try Passphrase(session: session).current()
        let backup = try vaultCall { () throws(VaultError) in try store.backupEntries(passphrase: passphrase) }
        if store.exists, let current = try? store.unlock(passphrase: passphrase).1 {
            let lost = current.filter { entry in !backup.contains { $0.name == entry.name && $0.secret.equals(entry.secret) } }.map(\.name)
            let what = lost.isEmpty ? "it holds what 'vault.bak' holds" : "restoring would drop or roll back \(lost.map { "'\($0)'" }.joined(separator: ", "))"
            guard force else {
                throw CommandFailure(.configuration, "the vault opens; there is nothing to restore (\(what))",
                                     hint: "to put 'vault.bak' back anyway, run 'cfaccess vault restore --force'")
            }
            if !lost.isEmpty { Console.warning(what) }
        }
        let restored = try vaultCall { () throws(VaultError) in try store.restoreBackup(passphrase: passphrase) }
        session.vault.forget()
        Console.status("vault", "restored '\(store.backupPath)' (\(restored.entries.count.counted("token")))"
                       + (restored.damagedAs.map { "; the vault it replaced is kept as '\($0)'" } ?? ""))
        return .status(0)
    }
}
