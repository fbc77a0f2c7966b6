import ArgumentParser
import Feeds
import Inputs
import Secrets
import Shell
import Vault
import Voice

struct TokenRotate: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--from-file"]

    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Replace a stored token's secret, keeping its name.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"), completion: CompletionValues.tokens)
    var name: String

    @OptionGroup var source: TokenSource

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        // Fail on an unknown name before asking for a secret.
        let names = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key).filter { !$0.isStorage }.map(\.name) }
        guard names.contains(name) else { throw VaultError.unknownEntry(name).failure }
        let secret = try source.read(for: name, session: session)
        let fingerprint = try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) -> String in
                guard let entry = entries.first(where: { $0.name == name }) else { throw .unknownEntry(name) }
                if let twin = entries.first(where: { $0.name != name && $0.secret.equals(secret) }) {
                    Console.warning("the same token is already stored as '\(twin.name)'")
                }
                entry.secret = secret
                entry.updated = nowMilliseconds()
                entry.check = [:]
                return entry.fingerprint
            }
        }
        Console.status("token", "rotated '\(name)' (now \(fingerprint), \(secret.count) characters)")
        let users = TokenUsers(name, store: session.feeds, defaults: try SavedDefaults(session: session))
        if !users.isEmpty {
            Console.status("token", "\(users.description) now use the new secret (a running 'feed run --follow' from its next request)")
        }
        return .status(0)
    }
}
