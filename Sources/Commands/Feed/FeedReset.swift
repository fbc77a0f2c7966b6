import ArgumentParser
import Feeds
import Inputs
import Shell
import Voice
#if canImport(Glibc)
import Glibc
#endif

struct FeedReset: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Move a feed's checkpoint to a time.")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed"), completion: CompletionValues.feeds) var name: String
    @Option(help: ArgumentHelp("The new checkpoint: RFC 3339 or an age.", valueName: "time")) var since: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, definition) = try session.feed(name)
        if definition.shared == true {
            throw CommandFailure(.configuration, "the checkpoint of shared feed '\(name)' is its commit log in the bucket; a reset here would be undone by the next commit",
                                 hint: "to collect again from a time, create a new feed with --start TIME (and another prefix or name)")
        }
        let time = try parsed { () throws(InvalidInput) in try TimeInput(since, option: "--since", now: nowMilliseconds()) }.rfc3339
        if SecretPrompt.hasTerminal, session.scriptReader == nil, isInteractiveTerminal {
            Console.writeError("Move the checkpoint of '\(name)' to \(time)? Records from then on will be delivered again, none before it. [y/N] ")
            guard let answer = FileLineReader(descriptor: 0).nextLine(), answer.first.map({ $0 | 0x20 }) == UInt8(ascii: "y") else {
                Console.status("feed", "nothing changed")
                return .status(0)
            }
        }
        let store = session.feeds
        try FeedCommand.withRunLock(feedName, in: store, busyHint: "stop the run first, then reset it") {
            var state = try store.state(feedName)
            state.cursor = time
            state.floor = time
            state.delivered = [:]
            // A file that is gone starts anew: the reset is how a feed goes on after losing it.
            let files = store.activeFiles(of: definition, name: feedName)
            if access(files.output, F_OK) != 0 && errno == ENOENT { state.output = FilePosition() }
            if access(files.rejects, F_OK) != 0 && errno == ENOENT { state.rejects = FilePosition() }
            try store.save(state, for: feedName)
        }
        Console.status("feed", "'\(name)' will collect from \(time) on its next run")
        return .status(0)
    }

    private var isInteractiveTerminal: Bool { isatty(0) == 1 }
}
