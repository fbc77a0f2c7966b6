import ArgumentParser
import Voice

/// `cfaccess(1)`, written from the command tree itself: each command's abstract, usage and
/// options as its `--help` gives them, so the page never disagrees with the program. Kept in
/// `docs/man/cfaccess.1`; a test fails when that copy is stale.
enum ManualPage {
    static func render() -> String {
        var page = """
            .TH CFACCESS 1 "" "cfaccess \(Cfaccess.version)" "User Commands"
            .SH NAME
            cfaccess \\- Cloudflare Access logs to OCSF Authentication (3002) events
            .SH SYNOPSIS
            .B cfaccess
            [\\fIGLOBAL OPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR...]]
            .SH DESCRIPTION
            \(escape(Cfaccess.configuration.discussion))
            .PP
            The reference pages of the project (the OCSF mapping, feed semantics, the vault format)
            are in its docs/ directory.
            .SH GLOBAL OPTIONS
            They may come before the command, or after it when the command has no option of the same name.
            .nf

            """
        page += escape(GlobalOptions.helpMessage(columns: 100).split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("OPTIONS:") }.dropFirst().joined(separator: "\n"))
        page += "\n.fi\n.SH COMMANDS\n"
        for (path, command) in commands(Cfaccess.self, path: []) {
            page += ".SS \(escape(path.joined(separator: " ")))\n"
            page += ".nf\n" + escape(Cfaccess.helpMessage(for: command, columns: 100)) + "\n.fi\n"
        }
        return page + trailer
    }

    /// Exit status, environment and files.
    private static let trailer = """
            .SH EXIT STATUS
            0 success; 1 a listed feed is not ok (feed status); 64 usage error; 65 data error (rejected records,
            an unusable answer, a refused token); 66 missing input; 69 Cloudflare unreachable; 70 internal
            error; 73 cannot create; 74 I/O error; 75 busy or rate limited; 77 permission (token, passphrase,
            unsafe file permissions); 78 configuration (no vault, unknown token or feed); 130 interrupted.
            .SH ENVIRONMENT
            .TP
            .B CFACCESS_HOME
            Where the vault, feeds, state and history live (also \\fB--home\\fR).
            .TP
            .B CFACCESS_PASSPHRASE_FILE
            A private file holding the vault passphrase.
            .TP
            .B CREDENTIALS_DIRECTORY
            With systemd's LoadCredential=, the passphrase is read from cfaccess-passphrase there.
            .TP
            .B CFACCESS_PASSPHRASE
            The passphrase itself (with a warning).
            .TP
            .B CFACCESS_BASE_URL
            The API base URL of commands without a feed (default https://api.cloudflare.com/client/v4); a feed always uses its own.
            .TP
            .B SSLKEYLOGFILE
            Ignored unless \\fB--tls-keylog\\fR is given (TLS session secrets would expose the token).
            .TP
            .B CFACCESS_LOCK_AFTER
            How long the shell keeps the vault unlocked while idle (default 15m).
            .TP
            .B NO_COLOR
            Never colour the output.
            .SH FILES
            .TP
            .I $CFACCESS_HOME/vault
            The encrypted token vault (and vault.bak, its backup).
            .TP
            .I $CFACCESS_HOME/feeds/NAME.json, $CFACCESS_HOME/state/NAME.json
            A feed's definition, and its checkpoint and health.

            """

    /// Every command that runs something, with its path of names, in the order of the tree.
    private static func commands(_ type: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
        let name = type.configuration.commandName ?? "cfaccess"
        let here = path + [name]
        let children = type.configuration.subcommands
        if children.isEmpty { return [(here, type)] }
        return children.flatMap { commands($0, path: here) }
    }

    /// Text safe for roff: backslashes doubled, a leading dot or quote protected.
    private static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = line.replacing("\\", with: "\\e")
            return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
        }.joined(separator: "\n")
    }
}

/// `cfaccess completion bash|zsh|fish`: the completion script, to source or install.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the bash, zsh or fish completion script.",
        discussion: """
            Examples:
              cfaccess completion bash > /etc/bash_completion.d/cfaccess
              cfaccess completion zsh > "${fpath[1]}/_cfaccess"
              cfaccess completion fish > ~/.config/fish/completions/cfaccess.fish
            """
    )

    enum Shell: String, ExpressibleByArgument, CaseIterable { case bash, zsh, fish }

    @Argument(help: "The shell.") var shell: Shell

    func run() throws {
        let kind: CompletionShell = switch shell {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
        Console.writeOutput(Cfaccess.completionScript(for: kind) + "\n")
    }
}
