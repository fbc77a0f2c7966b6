/// Runs what a command line asks; implemented by the layer that knows the commands.
public protocol ShellDelegate: AnyObject {
    /// Looks up `${NAME}`: shell variables first, then the environment.
    func variable(_ name: String) -> String?
    /// Runs one command; `location` (`FILE:LINE`) is set when reading a script.
    func execute(_ words: [String], location: String?) -> ShellOutcome
    /// Reports a line that could not be split into words.
    func reportSyntaxError(_ error: ShellSyntaxError, location: String?)
    /// The words with every value the grammar marks secret replaced, for `--echo`.
    func redacted(_ words: [String]) -> [String]
}

/// How a command ended, as far as the loop is concerned.
public enum ShellOutcome: Equatable, Sendable {
    case status(Int32)
    /// `exit`/`quit`: leave the loop with this status.
    case exit(Int32)
}

/// One loop for the interactive prompt and for scripts (DESIGN.md §1): read a logical line
/// (joining `\` continuations), skip blanks and comments, split, record history, run.
public final class ShellLoop {
    public struct Options: Sendable {
        public var interactive: Bool
        /// `FILE` in `FILE:LINE` locations; `<stdin>` for standard input.
        public var sourceName: String
        public var keepGoing: Bool
        public var echo: Bool

        public init(interactive: Bool, sourceName: String, keepGoing: Bool = false, echo: Bool = false) {
            self.interactive = interactive
            self.sourceName = sourceName
            self.keepGoing = keepGoing
            self.echo = echo
        }
    }

    public static let prompt = "cfaccess> "
    public static let continuationPrompt = "> "

    private let reader: LineReader
    private let options: Options
    private unowned let delegate: ShellDelegate
    private let history: ((String, [String]) -> Void)?

    /// `history` receives each logical line and its words before it runs (interactive only).
    public init(reader: LineReader, options: Options, delegate: ShellDelegate, history: ((String, [String]) -> Void)? = nil) {
        self.reader = reader
        self.options = options
        self.delegate = delegate
        self.history = history
    }

    /// Runs until the input ends or `exit`; returns the exit status.
    public func run() -> Int32 {
        var firstFailure: Int32 = 0
        while true {
            guard let (line, startLine) = readLogicalLine() else { break }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let location = options.interactive ? nil : "\(options.sourceName):\(startLine)"
            let outcome: ShellOutcome
            do {
                let words = try ShellWords.split(line, lookup: delegate.variable)
                if words.isEmpty { continue }
                history?(line, words)
                if options.echo {
                    // Echo the words as written, ${NAME} unexpanded: a variable may hold a secret.
                    let written = (try? ShellWords.split(line) { "${\($0)}" }) ?? words
                    Terminal.writeError("+ " + delegate.redacted(written).map(ShellWords.quote).joined(separator: " ") + "\n")
                }
                outcome = delegate.execute(words, location: location)
            } catch {
                delegate.reportSyntaxError(error, location: location)
                outcome = .status(64)
            }
            switch outcome {
            case .exit(let status):
                return status
            case .status(0):
                continue
            case .status(let status):
                if options.interactive { continue }
                if !options.keepGoing { return status }
                if firstFailure == 0 { firstFailure = status }
            }
        }
        return firstFailure
    }

    /// Reads lines until one does not end in a continuation backslash.
    private func readLogicalLine() -> (String, Int)? {
        var logical = ""
        var startLine = 0
        var prompt = options.interactive ? ShellLoop.prompt : ""
        while true {
            switch reader.readLine(prompt: prompt) {
            case .end:
                return logical.isEmpty ? nil : (logical, startLine)
            case .interrupted:
                logical = ""
                prompt = options.interactive ? ShellLoop.prompt : ""
                continue
            case .line(let line):
                if logical.isEmpty { startLine = reader.linesRead }
                if ShellWords.continues(line) {
                    logical += line.dropLast() + "\n"
                    prompt = options.interactive ? ShellLoop.continuationPrompt : ""
                    continue
                }
                return (logical + line, startLine)
            }
        }
    }
}
