import ArgumentParser
import Shell
import Voice

struct FeedDelete: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a feed's definition and state (not its output).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed"), completion: CompletionValues.feeds) var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, _) = try session.feed(name)
        let store = session.feeds
        try FeedCommand.withRunLock(feedName, in: store, busyHint: "stop the run first, then delete it") { try store.delete(feedName) }
        Console.status("feed", "deleted '\(name)' (its output files are kept)")
        return .status(0)
    }
}
