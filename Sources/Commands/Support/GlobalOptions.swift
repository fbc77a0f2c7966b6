import ArgumentParser
import Shell

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

    /// Which of these options take a value, and which may also come after the command (when
    /// the command has no option of that name itself: `version --verbose` is the command's).
    static let leading = LeadingOptions(
        valueOptions: ["--home", "--passphrase-file", "--passphrase-fd", "--file", "-f", "--generate-completion-script", "--log-format"],
        anywhereFlags: ["--keep-going", "--echo", "--quiet", "--verbose", "--no-color"],
        anywhereValues: ["--home", "--passphrase-file", "--passphrase-fd", "--log-format"])
}
