import ArgumentParser
import Secrets
import Shell
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

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
