extension CommandGrammar {
    /// A word the grammar does not know, said as an error message and a hint.
    public struct UnknownWord: Sendable, Equatable {
        public var message: String
        public var hint: String
    }

    /// The closest command name to `word`, for "did you mean".
    public func suggestion(for word: String) -> String? {
        CommandGrammar.closest(to: word, among: root.subcommands.flatMap { [$0.name] + $0.aliases })
    }

    /// What argument-parser would report less helpfully, or after another error: a subcommand
    /// that does not exist (`token lst`) or an option the command does not take (`--sinec`), each
    /// with the closest real one when one is close. Nil when the words name nothing unknown.
    public func unknownWord(in words: [String]) -> UnknownWord? {
        let (command, start) = command(for: words)
        let path = ([root.name] + words[..<start]).joined(separator: " ")
        if !command.subcommands.isEmpty, start < words.count, !words[start].hasPrefix("-"), command.name != "help" {
            let word = words[start]
            let names = command.subcommands.map(\.name)
            let hint = CommandGrammar.closest(to: word, among: names).map { "did you mean '\(path) \($0)'?" }
                ?? "'\(path)' takes one of: \(names.joined(separator: ", "))"
            return UnknownWord(message: "unknown command '\(path.dropFirst(root.name.count + 1)) \(word)'", hint: hint)
        }
        var expectsValue = false
        for word in words[start...] {
            if expectsValue { expectsValue = false; continue }
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1, !word.dropFirst().allSatisfy(\.isNumber) else { continue }
            let name = String(word.split(separator: "=", maxSplits: 1)[0])
            if ["-h", "--help"].contains(name) { continue }
            if let option = command.option(for: name) {
                expectsValue = option.takesValue && !word.contains("=")
                continue
            }
            let names = command.options.flatMap(\.names).filter { $0.hasPrefix("--") }
            let hint = CommandGrammar.closest(to: name, among: names).map { "did you mean '\($0)'?" }
                ?? "run '\(path) --help' to see its options"
            return UnknownWord(message: "unknown option '\(name)' for '\(path)'", hint: hint)
        }
        return nil
    }

    /// The name nearest to `word` if it is near enough to be a slip of the keyboard: at most one
    /// edit per three characters (a swap of two letters is one), and never more than two.
    public static func closest(to word: String, among names: [String]) -> String? {
        let bare = word.drop { $0 == "-" }
        let allowed = max(1, min(2, bare.count / 3))
        let scored = names.map { ($0, editDistance(String(bare), String($0.drop { $0 == "-" }))) }.filter { $0.1 <= allowed }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Edits (insert, delete, substitute, swap of neighbours) from `a` to `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
