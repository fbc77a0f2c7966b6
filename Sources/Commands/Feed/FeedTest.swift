import ArgumentParser
import Inputs
import Shell

struct FeedTest: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run check-scopes for a feed's token and account.")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed"), completion: CompletionValues.feeds) var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (_, definition) = try session.feed(name)
        let check = try TokenCheckScopes.parse([definition.token, "--account", definition.account.text] + ["--base-url", definition.baseURL ?? BaseURL.cloudflare.text])
        return try check.run(in: session)
    }
}
