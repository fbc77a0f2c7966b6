import Voice

/// What a command declares about its own words: which carry secrets, and which read the next
/// line of a script as data (`--from-file -`).
public struct SecretMarks: Sendable {
    /// Long option names (`--passphrase`) whose values are secret.
    public var options: Set<String>
    /// Zero-based positions, among the command's positional words, of secret values.
    public var positions: Set<Int>
    /// Long options that read the next script line when their value is `-`.
    public var dataLineOptions: Set<String>

    public init(options: Set<String> = [], positions: Set<Int> = [], dataLineOptions: Set<String> = []) {
        self.options = options
        self.positions = positions
        self.dataLineOptions = dataLineOptions
    }
}

/// A command line judged by its command's marks: the history leaves out its secret words,
/// `--echo` redacts them, and a script skips the data lines it takes, whether or not the command
/// gets as far as reading them (a command that fails first must not leave a token to be run,
/// and echoed, as the next command). `first` is the index of the first word after the
/// command's names.
public struct SecretWords: Sendable {
    public var words: [String]
    public var first: Int
    public var marks: SecretMarks

    public init(_ words: [String], first: Int, marks: SecretMarks) {
        self.words = words
        self.first = first
        self.marks = marks
    }

    /// How many script lines the command line takes as data.
    public var dataLines: Int {
        var count = 0
        var index = first
        while index < words.count {
            let word = words[index]
            if marks.dataLineOptions.contains(word), index + 1 < words.count, words[index + 1] == "-" {
                count += 1
                index += 1
            } else if let equals = word.firstIndex(of: "="), marks.dataLineOptions.contains(String(word[..<equals])),
                      word[word.index(after: equals)...] == "-" {
                count += 1
            }
            index += 1
        }
        return count
    }

    /// Indices of the words the command marks secret.
    public var indices: Set<Int> {
        var secret: Set<Int> = []
        var index = first
        var position = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                let name = String(word.split(separator: "=", maxSplits: 1)[0])
                if marks.options.contains(name) {
                    secret.insert(index)
                    if !word.contains("="), index + 1 < words.count { secret.insert(index + 1); index += 1 }
                }
            } else {
                if marks.positions.contains(position) { secret.insert(index) }
                position += 1
            }
            index += 1
        }
        return secret
    }

    /// The words with secret values, and anything shaped like a credential, replaced by `***`.
    public var redacted: [String] {
        let secret = indices
        return words.enumerated().map { index, word in
            if CredentialShape.matches(word) { return "***" }
            guard secret.contains(index) else { return word }
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") { return word[...equals] + "***" }
            return word.hasPrefix("--") ? word : "***"
        }
    }
}
