/// `cfaccess(1)` in roff, written from the command tree's own help texts, so the page never
/// disagrees with the program. Kept in `docs/man/cfaccess.1`; a test fails when that copy is stale.
package enum ManualPage {
    /// `commands` are each command's path of names and its `--help` text, in the order of the tree.
    package static func render(version: String, description: String, globalOptions: String, commands: [(path: [String], help: String)]) -> String {
        var page = """
            .TH CFACCESS 1 "" "cfaccess \(version)" "User Commands"
            .SH NAME
            cfaccess \\- Cloudflare Access logs to OCSF Authentication (3002) events
            .SH SYNOPSIS
            .B cfaccess
            [\\fIGLOBAL OPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR...]]
            .SH DESCRIPTION
            \(escape(description))
            .PP
            The reference pages of the project (the OCSF mapping, feed semantics, the vault format)
            are installed in /usr/local/share/doc/cfaccess (PREFIX/share/doc/cfaccess; docs/ in the source).
            .SH GLOBAL OPTIONS
            They may come before the command, or after it when the command has no option of the same name.
            .nf

            """
        page += escape(globalOptions)
        page += "\n.fi\n.SH COMMANDS\n"
        for (path, help) in commands {
            page += ".SS \(escape(path.joined(separator: " ")))\n"
            page += ".nf\n" + escape(help) + "\n.fi\n"
        }
        return page + trailer
    }

    /// Exit status, environment and files.
    private static let trailer = """
            .SH EXIT STATUS
            0 success; 1 a listed feed is not ok (feed status), or a delivered object is missing or altered (feed verify); 64 usage error; 65 data error (rejected records,
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
            .TP
            .I $CFACCESS_HOME/spool/NAME/, $CFACCESS_HOME/state/NAME.objects.ndjson
            An object-storage feed's spool (records being collected, sealed objects waiting for their upload), and the objects it delivered.

            """

    /// Text safe for roff: backslashes doubled, a leading dot or quote protected.
    private static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = line.replacing("\\", with: "\\e")
            return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
        }.joined(separator: "\n")
    }
}
