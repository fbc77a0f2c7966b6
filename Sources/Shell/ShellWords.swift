/// Why a command line cannot be split into words.
public enum ShellSyntaxError: Error, Equatable, Sendable {
    case unterminatedQuote(Character)
    case undefinedVariable(String)
    case badSubstitution

    public var message: String {
        switch self {
        case .unterminatedQuote(let quote): "unterminated \(quote) quote"
        case .undefinedVariable(let name): "undefined variable '\(name)'"
        case .badSubstitution: "bad substitution: use ${NAME}"
        }
    }
}

/// Splits command lines into words with POSIX-shell-like rules: `'…'` keeps everything literal,
/// `"…"` allows `\"`, `\\`, `\$` and `${NAME}`, a backslash outside quotes escapes the next
/// character, `${NAME}` expands (variables first, then the environment), and an unquoted `#`
/// at the start of a word begins a comment.
public enum ShellWords {
    public static func split(_ line: String, lookup: (String) -> String?) throws(ShellSyntaxError) -> [String] {
        try scan(line, lookup: lookup, partial: false)
    }

    /// Splits the line up to the cursor for completion: an open quote is allowed at the end,
    /// undefined variables expand to nothing, and a trailing space starts an empty last word.
    public static func splitForCompletion(_ line: String, lookup: (String) -> String?) -> [String] {
        var words = (try? scan(line, lookup: lookup, partial: true)) ?? []
        if line.isEmpty || line.last == " " || line.last == "\t" { words.append("") }
        return words
    }

    /// The tokenizer: one pass over the characters, a state machine (outside or inside single or
    /// double quotes, after a backslash, inside `${…}`). It is longer than 60 lines on purpose:
    /// each state's rules side by side, in one loop, are the clearest way to read the grammar.
    private static func scan(_ line: String, lookup: (String) -> String?, partial: Bool) throws(ShellSyntaxError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var index = line.startIndex

        func expand(at dollar: String.Index) throws(ShellSyntaxError) -> (String, String.Index) {
            let open = line.index(after: dollar)
            guard open < line.endIndex, line[open] == "{" else { return ("$", open) }
            guard let close = line[open...].firstIndex(of: "}") else {
                if partial { return ("", line.endIndex) }
                throw .badSubstitution
            }
            let name = String(line[line.index(after: open)..<close])
            guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw .badSubstitution
            }
            guard let value = lookup(name) else {
                if partial { return ("", line.index(after: close)) }
                throw .undefinedVariable(name)
            }
            return (value, line.index(after: close))
        }

        while index < line.endIndex {
            let character = line[index]
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current); current = ""; inWord = false }
                index = line.index(after: index)
            case "#" where !inWord:
                return words
            case "'":
                inWord = true
                guard let close = line[line.index(after: index)...].firstIndex(of: "'") else {
                    if partial { current += line[line.index(after: index)...]; index = line.endIndex; continue }
                    throw .unterminatedQuote("'")
                }
                current += line[line.index(after: index)..<close]
                index = line.index(after: close)
            case "\"":
                inWord = true
                index = line.index(after: index)
                var closed = false
                while index < line.endIndex {
                    let inner = line[index]
                    if inner == "\"" { closed = true; index = line.index(after: index); break }
                    if inner == "\\" {
                        let next = line.index(after: index)
                        if next < line.endIndex, "\"\\$".contains(line[next]) {
                            current.append(line[next])
                            index = line.index(after: next)
                            continue
                        }
                    }
                    if inner == "$" {
                        let (value, after) = try expand(at: index)
                        current += value
                        index = after
                        continue
                    }
                    current.append(inner)
                    index = line.index(after: index)
                }
                if !closed && !partial { throw .unterminatedQuote("\"") }
            case "\\":
                inWord = true
                let next = line.index(after: index)
                if next < line.endIndex { current.append(line[next]); index = line.index(after: next) } else { index = next }
            case "$":
                inWord = true
                let (value, after) = try expand(at: index)
                current += value
                index = after
            default:
                inWord = true
                current.append(character)
                index = line.index(after: index)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Whether a physical line ends with a backslash that continues it on the next line.
    public static func continues(_ line: String) -> Bool {
        var count = 0
        for character in line.reversed() {
            guard character == "\\" else { break }
            count += 1
        }
        return count % 2 == 1
    }

    /// Quotes a word so `split` gives it back unchanged (for echoing commands).
    public static func quote(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=@,+%".contains($0)) }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }
}
