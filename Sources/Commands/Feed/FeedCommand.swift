import ArgumentParser
import Feeds
import Inputs
import Shell
import Voice

/// `cfaccess feed …`: saved collection jobs that deliver every record exactly once.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Create, inspect and run saved collection jobs (feeds).",
        subcommands: [FeedCreate.self, FeedUpdate.self, FeedList.self, FeedShow.self, FeedStatus.self, FeedRun.self, FeedVerify.self, FeedReset.self,
                      FeedTest.self, FeedDelete.self]
    )
}

extension ShellSession {
    var feeds: FeedStore { FeedStore(directory: paths.dataDirectory) }

    /// The feed named `text`, its name checked and its files refused unless private.
    func feed(_ text: String) throws(CommandFailure) -> (FeedName, FeedDefinition) {
        let name = try parsed { () throws(InvalidInput) in try FeedName(text) }
        let store = feeds
        do throws(FeedStoreError) {
            try store.checkDirectories()
            // A missing definition file is reported as no such feed.
            return (name, try store.definition(name))
        } catch {
            throw error.failure(feed: name.text)
        }
    }
}

extension FeedCommand {
    /// Runs check-scopes for the token and account a feed will use, and storage check for its
    /// object store; a failure saves nothing.
    static func check(_ definition: FeedDefinition, in session: ShellSession) throws {
        if let storage = definition.storage, let layout = ObjectLayout(output: definition.output) {
            let check = try StorageCheck.parse([storage, "--bucket", layout.bucket] + (layout.prefix.isEmpty ? [] : ["--prefix", layout.prefix]))
            do {
                _ = try check.run(in: session)
            } catch let failure as CommandFailure {
                throw CommandFailure(failure.status, "the feed was not saved: its object store failed storage check",
                                     hint: "fix the store, or save anyway with --no-check")
            }
        }
        var check = try TokenCheckScopes.parse([definition.token, "--account", definition.account.text] + ["--base-url", definition.baseURL ?? BaseURL.cloudflare.text])
        check.json = false
        do {
            _ = try check.run(in: session)
        } catch let failure as CommandFailure {
            throw CommandFailure(failure.status, "the feed was not saved: its token failed check-scopes",
                                 hint: "fix the token, or save anyway with --no-check")
        }
    }
}

extension FeedCommand {
    /// Runs `body` holding the feed's run lock; a run holding it past the wait is exit 75, with
    /// `busyHint` saying what to do.
    static func withRunLock(_ name: FeedName, in store: FeedStore, busyHint: String, _ body: () throws -> Void) throws {
        do {
            try store.withRunLock(name, body)
        } catch is FeedBusy {
            throw CommandFailure(.temporaryFailure, "feed '\(name)' is running", hint: busyHint)
        } catch let error as FeedStoreError {
            throw error.failure(feed: name.text)
        }
    }
}
