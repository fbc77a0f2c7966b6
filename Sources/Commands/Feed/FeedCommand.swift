import ArgumentParser
import Feeds
import Files
import Inputs
import Shell
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// `cfaccess feed …`: saved collection jobs that deliver every record exactly once.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Create, inspect and run saved collection jobs (feeds).",
        subcommands: [FeedCreate.self, FeedUpdate.self, FeedList.self, FeedShow.self, FeedStatus.self, FeedRun.self, FeedReset.self,
                      FeedTest.self, FeedDelete.self]
    )
}

extension FeedCommand {
    /// A feed store failure as the command line reports it.
    static func failure(_ error: FeedStoreError, feed: String) -> CommandFailure {
        switch error {
        case .file(let problem):
            switch problem.kind {
            case .missing: return CommandFailure(.configuration, "no feed named '\(feed)'", hint: "see 'cfaccess feed list'")
            case .unsafe: return CommandFailure(.permission, problem.message, hint: problem.hint)
            case .busy: return CommandFailure(.temporaryFailure, "feed '\(feed)' is busy", hint: "wait for the other run to finish")
            case .io: return CommandFailure(.ioError, problem.message, hint: problem.hint)
            }
        case .damaged(let path, let reason):
            return CommandFailure(.configuration, "'\(path)' of feed '\(feed)' is damaged and was left as it is: \(reason)",
                                  hint: "restore it from a backup, or delete the feed and create it again")
        }
    }
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
            throw FeedCommand.failure(error, feed: name.text)
        }
    }
}

extension FeedCommand {
    /// Runs check-scopes for the token and account a feed will use; a failure saves nothing.
    static func check(_ definition: FeedDefinition, in session: ShellSession) throws {
        var check = try TokenCheckScopes.parse([definition.token, "--account", definition.account.text] + ["--base-url", definition.baseURL ?? BaseURL.cloudflare.text])
        check.json = false
        do {
            _ = try check.run(in: session)
        } catch let failure as CommandFailure {
            throw CommandFailure(failure.status, "the feed was not saved: its token failed check-scopes",
                                 hint: "fix the token, or save anyway with --no-check")
        }
    }

    /// Creates the default output directory when the feed writes there; any other directory
    /// must exist and be writable by the user, or the first run would fail with no hint.
    static func prepareOutput(_ definition: FeedDefinition, in session: ShellSession) throws(CommandFailure) {
        if definition.output.hasPrefix(absolutePath(session.paths.dataDirectory) + "/output/") {
            do throws(FileProblem) { try PrivateDirectory.make(session.paths.dataDirectory + "/output") } catch {
                throw CommandFailure(.cannotCreate, error.message, hint: error.hint)
            }
        }
        for (path, what) in [(definition.output, "output"), (definition.rejects, "rejects file")] {
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
            var info = stat()
            guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw CommandFailure(.cannotCreate, "the directory of the \(what) '\(path)' does not exist", hint: "create it first: mkdir -p '\(directory)'")
            }
            guard access(directory, W_OK | X_OK) == 0 else {
                throw CommandFailure(.cannotCreate, "you may not create files in '\(directory)', the directory of the \(what) '\(path)'",
                                     hint: "give a path in a directory you may write to")
            }
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
            throw FeedCommand.failure(error, feed: name.text)
        }
    }
}
