import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

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
