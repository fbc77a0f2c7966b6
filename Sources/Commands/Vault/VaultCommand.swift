import ArgumentParser
import Vault

extension KDFParameters.Level: ExpressibleByArgument {}

/// `cfaccess vault …`: the encrypted token store (DESIGN.md §2, §5).
struct VaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract: "Create, inspect, re-key or lock the encrypted token vault.",
        subcommands: [VaultInit.self, VaultStatus.self, VaultPasswd.self, VaultLock.self, VaultRestore.self]
    )
}
