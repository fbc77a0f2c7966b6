import ArgumentParser
import Secrets
import Shell
import Voice

struct VaultStatus: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the vault's path, permissions, key derivation and entries.")

    @Flag(help: "Machine-readable output.")
    var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let report = try VaultReport(session.vault, sources: session.secretSources)
        if json {
            Console.writeOutput(try JSONText.encode(report) + "\n")
        } else {
            Console.writeOutput(lines(of: report).joined(separator: "\n") + "\n")
        }
        if let problem = report.problem { throw problem }
        return .status(0)
    }

    private func lines(of report: VaultReport) -> [String] {
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
        return lines
    }
}
