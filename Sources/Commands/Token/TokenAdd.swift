import ArgumentParser
import Inputs
import Secrets
import Shell
import Vault
import Voice

struct TokenAdd: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--from-file"]

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Store a new API token (pasted with echo off, or read from a file or variable).",
        discussion: """
            Examples:
              cfaccess token add prod
              cfaccess token add prod --from-file ~/prod.token
              printenv CF_API_TOKEN | cfaccess token add prod --from-file -
            """
    )

    @Argument(help: ArgumentHelp("A name for the token.", valueName: "name"))
    var name: String

    @OptionGroup var source: TokenSource

    func run(in session: ShellSession) throws -> ShellOutcome {
        try parsed { () throws(InvalidInput) in try CredentialShape.checkName(name) }
        try vaultCall { () throws(VaultError) in try VaultEntry.validate(name: name) }
        let key = try unlockedVault(session, creatingIfMissing: true)
        let secret = try source.read(for: name, session: session)
        let now = nowMilliseconds()
        let entry = VaultEntry(name: name, secret: secret, created: now, updated: now)
        let twin = try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) -> String? in
                guard !entries.contains(where: { $0.name == name }) else { throw .duplicateEntry(name) }
                let twin = entries.first { $0.secret.equals(secret) }?.name
                entries.append(entry)
                return twin
            }
        }
        if let twin { Console.warning("the same token is already stored as '\(twin)'") }
        Console.status("token", "added '\(name)' (\(entry.fingerprint), \(secret.count) characters)")
        return .status(0)
    }
}
