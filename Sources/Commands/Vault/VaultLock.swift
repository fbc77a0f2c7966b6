import ArgumentParser
import Shell
import Voice

struct VaultLock: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Forget the vault key in this shell (it also goes after 15 idle minutes).")

    func run(in session: ShellSession) throws -> ShellOutcome {
        session.vault.forget()
        Console.status("vault", "locked")
        return .status(0)
    }
}
