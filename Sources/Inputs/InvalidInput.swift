/// A value given by the user (an option, a feed file, the environment) that cfaccess refuses:
/// one sentence naming the value and where it came from, and what to give instead. Commands
/// report it as a usage error (exit 64).
public struct InvalidInput: Error, Equatable, Sendable {
    /// Lowercase, no final period, the value quoted.
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    /// The value as it may be shown: at most 64 characters, control characters escaped, so a
    /// pasted blob never floods the terminal.
    static func shown(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(64) {
            shown += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return text.unicodeScalars.count > 64 ? shown + "…" : shown
    }
}
