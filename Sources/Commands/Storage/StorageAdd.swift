import ArgumentParser
import Inputs
import Secrets
import Shell
import Vault
import Voice

struct StorageAdd: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--from-file"]

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Store an object store's endpoint, region and key (the secret key pasted with echo off, or read from a file or variable).",
        discussion: """
            Examples:
              cfaccess storage add lake --endpoint https://s3.eu-west-1.amazonaws.com \\
                  --region eu-west-1 --access-key-id AKIAIOSFODNN7EXAMPLE
              printenv AWS_SECRET_ACCESS_KEY | cfaccess storage add lake \\
                  --endpoint https://s3.eu-west-1.amazonaws.com --access-key-id ID --from-file -
            """
    )

    @Argument(help: ArgumentHelp("A name for the store.", valueName: "name")) var name: String
    @OptionGroup var settings: StorageSettings

    func validate() throws {
        if settings.endpoint == nil { throw ValidationError("give --endpoint URL") }
        if settings.accessKeyID == nil { throw ValidationError("give --access-key-id ID") }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        try parsed { () throws(InvalidInput) in try CredentialShape.checkName(name) }
        try vaultCall { () throws(VaultError) in try VaultEntry.validate(name: name) }
        let facts = try settings.apply(to: [:])
        let key = try unlockedVault(session, creatingIfMissing: true)
        let secret = try settings.readSecret(for: name, session: session)
        let now = nowMilliseconds()
        let entry = VaultEntry(name: name, secret: secret, created: now, updated: now, check: facts)
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard !entries.contains(where: { $0.name == name }) else { throw .duplicateEntry(name) }
                entries.append(entry)
            }
        }
        Console.status("storage", "added '\(name)': \(facts["endpoint"] ?? ""), \(facts["region"] ?? ""), key \(facts["access_key_id"] ?? "") (secret \(secret.count) characters)")
        return .status(0)
    }
}
