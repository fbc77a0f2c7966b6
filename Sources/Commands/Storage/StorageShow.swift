import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct StorageShow: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one object store's settings (never its secret key).")
    @Argument(help: ArgumentHelp("The store's name.", valueName: "storage")) var name: String
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let entry = try session.vault.storageEntry(name, key: key)
        let summary = StorageSummary(entry)
        if json {
            Console.writeOutput(try JSONText.encode(summary) + "\n")
            return .status(0)
        }
        Console.writeOutput([
            "name:          \(summary.name)", "endpoint:      \(summary.endpoint)", "region:        \(summary.region)",
            "addressing:    \(summary.addressing)", "access key id: \(summary.accessKeyID)", "secret key:    \(summary.secretLength) characters (in the vault)",
            "updated:       \(summary.updated)", "last check:    \(summary.lastCheck ?? "never checked")",
        ].joined(separator: "\n") + "\n")
        return .status(0)
    }
}
