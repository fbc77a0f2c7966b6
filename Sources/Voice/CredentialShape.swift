import Inputs

/// Text shaped like a credential: Cloudflare API tokens (`cfut_`/`cfat_` + 40 or more of
/// `[A-Za-z0-9_-]`, or a legacy 40-character token), Global API Keys (`cfk_…` or 37–45 lowercase
/// hex), and object-store secret keys (AWS's 40 characters of `[A-Za-z0-9/+]`, R2's 64 lowercase
/// hex). Such text never reaches the history file, whatever the command, and never a diagnostic
/// (`Console.scrubbed`).
package enum CredentialShape {
    package static func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isTokenByte(_ byte: UInt8) -> Bool {
            (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        for prefix in ["cfut_", "cfat_", "cfk_"] where text.hasPrefix(prefix) {
            let rest = bytes.dropFirst(prefix.utf8.count)
            return rest.count >= 30 && rest.allSatisfy(isTokenByte)
        }
        if (37...45).contains(bytes.count) || bytes.count == 64, bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 || $0 &- UInt8(ascii: "a") < 6 }) {
            return true
        }
        // An AWS secret access key: upper and lower case letters, with digits, '/' or '+'.
        if bytes.count == 40,
           bytes.allSatisfy({ ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "+") }),
           bytes.contains(where: { $0 &- UInt8(ascii: "A") < 26 }), bytes.contains(where: { $0 &- UInt8(ascii: "a") < 26 }),
           bytes.contains(where: { $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "+") }) {
            return true
        }
        if bytes.count == 40, bytes.allSatisfy(isTokenByte),
           bytes.contains(where: { $0 &- UInt8(ascii: "0") < 10 }), bytes.contains(where: { ($0 | 0x20) &- UInt8(ascii: "a") < 26 }) {
            return true
        }
        return false
    }
}

extension CredentialShape {
    /// Whether `word` is an option that takes a secret as its value, known to cfaccess or not
    /// (`--secret`, `--passphrase`, `--password`, `--token-value`, `--secret-access-key`,
    /// `--passphrase=…`): a line holding one is never kept, though its value may look like
    /// anything. Options naming where a secret is (`-file`, `-fd`, `-env`) are not among them.
    package static func isSecretOption(_ word: String) -> Bool {
        guard word.hasPrefix("--") else { return false }
        let name = word.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0].lowercased()
        let parts = name.split(separator: "-")
        guard let last = parts.last, !["file", "fd", "env", "id"].contains(last) else { return false }
        return parts.contains { ["secret", "passphrase", "password", "passwd"].contains($0) } || name == "token-value"
    }


    /// Refuses (exit 64) a token name that is shaped like a credential: a name is stored in
    /// plain text (`config.json`, feed definitions) and printed everywhere, so a token pasted
    /// where its name goes would be exposed. The name itself is never repeated.
    package static func checkName(_ name: String) throws(InvalidInput) {
        guard matches(name) else { return }
        throw InvalidInput("refusing a token name that looks like an API token itself (\(name.count) characters)",
                           hint: "give the token a short name such as 'prod'; paste the token itself at the prompt, or use --from-file or --from-env")
    }
}
