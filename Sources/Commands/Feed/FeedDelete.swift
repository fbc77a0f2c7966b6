import Secrets
import ArgumentParser
import Client
import Feeds
import Files
import Inputs
import Shell
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

struct FeedDelete: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a feed's definition and state (not its output).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, _) = try session.feed(name)
        let store = session.feeds
        do {
            try store.withRunLock(feedName) { store.delete(feedName) }
        } catch is FeedBusy {
            throw CommandFailure(.temporaryFailure, "feed '\(name)' is running", hint: "stop the run first, then delete it")
        } catch let error as FeedStoreError {
            throw FeedCommand.failure(error, feed: feedName.text)
        }
        Console.status("feed", "deleted '\(name)' (its output files are kept)")
        return .status(0)
    }
}
