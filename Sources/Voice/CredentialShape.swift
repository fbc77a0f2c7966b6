import Inputs

/// Text shaped like a Cloudflare credential (DESIGN.md §6): API tokens (`cfut_`/`cfat_` + 40 or
/// more of `[A-Za-z0-9_-]`, or a legacy 40-character token) and Global API Keys (`cfk_…` or
/// 37–45 lowercase hex). Such text never reaches the history file, whatever the command, and
/// never a diagnostic (`Console.scrubbed`).
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
        if (37...45).contains(bytes.count), bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 || $0 &- UInt8(ascii: "a") < 6 }) {
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
    /// Refuses (exit 64) a token name that is shaped like a credential: a name is stored in
    /// plain text (`config.json`, feed definitions) and printed everywhere, so a token pasted
    /// where its name goes would be exposed. The name itself is never repeated.
    package static func checkName(_ name: String) throws(InvalidInput) {
        guard matches(name) else { return }
        throw InvalidInput("refusing a token name that looks like an API token itself (\(name.count) characters)",
                           hint: "give the token a short name such as 'prod'; paste the token itself at the prompt, or use --from-file or --from-env")
    }
}
