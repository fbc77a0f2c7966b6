/// What can complete the word under the cursor.
public enum CompletionCandidates: Equatable, Sendable {
    case words([String])
    /// File and directory names, completed by the line editor itself.
    case files
}

/// Knows the command grammar; the line editor asks it what may come next.
public protocol CompletionProvider: AnyObject {
    /// `words` are the line's words up to the cursor; the last one is the partial word.
    func candidates(for words: [String]) -> CompletionCandidates
}
