/// Decides which lines the history keeps (DESIGN.md §1, issue rules):
/// not lines typed with a leading space, not lines the grammar says carry a secret, and not
/// lines with anything shaped like a secret, whatever the grammar says.
public struct HistoryPolicy: Sendable {
    /// Indices of the words the command grammar marks secret.
    public var secretWords: @Sendable ([String]) -> Set<Int>
    /// Whether a piece of text looks like a credential.
    public var looksSecret: @Sendable (String) -> Bool

    public init(secretWords: @escaping @Sendable ([String]) -> Set<Int>, looksSecret: @escaping @Sendable (String) -> Bool) {
        self.secretWords = secretWords
        self.looksSecret = looksSecret
    }

    /// `line` as typed, `words` as it splits.
    public func allows(line: String, words: [String]) -> Bool {
        guard let first = line.first, first != " ", first != "\t" else { return false }
        guard secretWords(words).isEmpty else { return false }
        // Both the words and the raw text: a quote or a variable must not smuggle a secret through.
        if words.contains(where: looksSecret) { return false }
        return !line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == "=" }).contains { looksSecret(String($0)) }
    }
}
