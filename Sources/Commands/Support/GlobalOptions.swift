import ArgumentParser

/// Options that come before the command (DESIGN.md §1) and set up the whole run.
package struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep the vault, feeds, state and history here.", valueName: "dir"),
            completion: .directory)
    package var home: String?

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("Read the vault passphrase from this file.", valueName: "path"),
            completion: .file())
    package var passphraseFile: String?

    @Option(name: .customLong("passphrase-fd"), help: ArgumentHelp("Read the vault passphrase from this file descriptor.", valueName: "n"))
    package var passphraseFD: Int32?

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("Run the commands in this script.", valueName: "script"),
            completion: .file())
    package var script: String?

    @Flag(help: "Run every line of a script and exit with the first failure's status.")
    package var keepGoing = false

    @Flag(help: "Print each script command on stderr before running it, secrets redacted.")
    package var echo = false

    @Flag(help: "Print only errors on stderr.")
    package var quiet = false

    @Flag(help: "Log what is done on stderr.")
    package var verbose = false

    @Flag(help: "Never colour the output.")
    package var noColor = false

    @Flag(name: .customLong("tls-keylog"),
          help: "Let libcurl write TLS session secrets to $SSLKEYLOGFILE (a debugging aid: whoever reads that file can read the token).")
    package var tlsKeylog = false

    package enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

    @Option(name: .customLong("log-format"), help: "Diagnostics on stderr as text, or as one JSON object per line.")
    package var logFormat: LogFormat = .text

    /// Writes the man page (for `make man`).
    @Flag(name: .customLong("generate-manual"), help: .hidden) package var generateManual = false

    package init() {}

    /// Long options that take a value, to tell where the global options end and the command begins.
    static let valueOptions: Set<String> = [
        "--home", "--passphrase-file", "--passphrase-fd", "--file", "-f", "--generate-completion-script", "--log-format",
    ]

    /// Global options that may also come after the command (as `gh` and `kubectl` allow), when
    /// the command has no option of that name itself (`version --verbose` is the command's).
    static let anywhereFlags: Set<String> = ["--keep-going", "--echo", "--quiet", "--verbose", "--no-color"]
    static let anywhereValues: Set<String> = ["--home", "--passphrase-file", "--passphrase-fd", "--log-format"]

    /// Moves the global options found among `command`'s words in front of it.
    static func hoist(_ command: [String], grammar: CommandGrammar) -> (globals: [String], command: [String]) {
        let (leaf, start) = grammar.command(for: command)
        var globals: [String] = []
        var rest = Array(command[..<start])
        var index = start
        var expectsValue = false
        while index < command.count {
            let word = command[index]
            let name = String(word.split(separator: "=", maxSplits: 1).first ?? "")
            if word == "--" { rest += command[index...]; break }
            if expectsValue {
                expectsValue = false
            } else if leaf.option(for: name) == nil, anywhereFlags.contains(word) {
                globals.append(word)
                index += 1
                continue
            } else if leaf.option(for: name) == nil, anywhereValues.contains(name) {
                globals.append(word)
                if !word.contains("="), index + 1 < command.count { globals.append(command[index + 1]); index += 1 }
                index += 1
                continue
            } else if let option = leaf.option(for: name) {
                expectsValue = option.takesValue && !word.contains("=")
            }
            rest.append(word)
            index += 1
        }
        return (globals, rest)
    }

    /// Splits argv into the leading global options and the command words.
    static func split(_ arguments: [String]) -> (globals: [String], command: [String]) {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "-" {
            let argument = arguments[index]
            if argument == "--" { return (Array(arguments[..<index]), Array(arguments[(index + 1)...])) }
            if valueOptions.contains(argument) { index += 1 }
            index += 1
        }
        let split = min(index, arguments.count)
        return (Array(arguments[..<split]), Array(arguments[split...]))
    }
}
