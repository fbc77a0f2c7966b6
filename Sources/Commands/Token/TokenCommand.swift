import ArgumentParser

/// `cfaccess token …`: API tokens in the vault. A token is never a command-line value: it would
/// land in shell history, `ps` and scripts.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Add, list, show, rotate or remove Cloudflare API tokens in the vault.",
        subcommands: [TokenAdd.self, TokenList.self, TokenShow.self, TokenRotate.self, TokenRemove.self, TokenCheckScopes.self]
    )
}
