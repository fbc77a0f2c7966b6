import ArgumentParser
import Inputs
import Voice

/// A command whose arguments include secrets. The marks live on the command types themselves,
/// so a new command declares its own; the shell keeps marked lines out of history and redacts
/// them in `--echo`.
protocol DeclaresSecrets {
    /// Long option names (`--passphrase`) whose values are secret.
    static var secretOptions: Set<String> { get }
    /// Zero-based positions, among the command's positional words, of secret values.
    static var secretPositions: Set<Int> { get }
}

extension DeclaresSecrets {
    static var secretOptions: Set<String> { [] }
    static var secretPositions: Set<Int> { [] }
}

/// A command that can take its secret from the next line of a script (`--from-file -`). The
/// line is the command's whether or not the command gets as far as reading it: a command that
/// fails first must not leave a token to be run, and echoed, as the next command.
protocol ReadsDataLines {
    /// Long options that read the next script line when their value is `-`.
    static var dataLineOptions: Set<String> { get }
}

enum SecretValues {
    /// The command type a line names and the index of its first argument. Follows subcommand
    /// names through the type tree without a full parse, so a line that fails to parse is still
    /// judged by the command it names.
    private static func command(named words: [String]) -> (ParsableCommand.Type, Int) {
        var command: ParsableCommand.Type = Cfaccess.self
        var index = 0
        while index < words.count,
              let next = command.configuration.subcommands.first(where: {
                  $0.configuration.commandName == words[index] || $0.configuration.aliases.contains(words[index])
              }) {
            command = next
            index += 1
        }
        return (command, index)
    }

    /// How many script lines the command line takes as data (`--from-file -`).
    static func dataLines(in words: [String]) -> Int {
        let (command, first) = command(named: words)
        guard let reader = command as? ReadsDataLines.Type else { return 0 }
        var count = 0
        var index = first
        while index < words.count {
            let word = words[index]
            if reader.dataLineOptions.contains(word), index + 1 < words.count, words[index + 1] == "-" {
                count += 1
                index += 1
            } else if let equals = word.firstIndex(of: "="), reader.dataLineOptions.contains(String(word[..<equals])), word[word.index(after: equals)...] == "-" {
                count += 1
            }
            index += 1
        }
        return count
    }

    /// Indices of the words in a command line that its command marks secret.
    static func indices(in words: [String]) -> Set<Int> {
        var (command, index) = command(named: words)
        guard let marked = command as? DeclaresSecrets.Type else { return [] }
        var secret: Set<Int> = []
        var position = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                let name = String(word.split(separator: "=", maxSplits: 1)[0])
                if marked.secretOptions.contains(name) {
                    secret.insert(index)
                    if !word.contains("="), index + 1 < words.count { secret.insert(index + 1); index += 1 }
                }
            } else {
                if marked.secretPositions.contains(position) { secret.insert(index) }
                position += 1
            }
            index += 1
        }
        return secret
    }

    /// `words` with secret values, and anything shaped like a credential, replaced by `***`.
    static func redacted(_ words: [String]) -> [String] {
        let secret = indices(in: words)
        return words.enumerated().map { index, word in
            if CredentialShape.matches(word) { return "***" }
            guard secret.contains(index) else { return word }
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") { return word[...equals] + "***" }
            return word.hasPrefix("--") ? word : "***"
        }
    }
}

extension CredentialShape {
    /// Refuses (exit 64) a token name that is shaped like a credential: a name is stored in
    /// plain text (`config.json`, feed definitions) and printed everywhere, so a token pasted
    /// where its name goes would be exposed. The name itself is never repeated.
    static func checkName(_ name: String) throws(InvalidInput) {
        guard matches(name) else { return }
        throw InvalidInput("refusing a token name that looks like an API token itself (\(name.count) characters)",
                           hint: "give the token a short name such as 'prod'; paste the token itself at the prompt, or use --from-file or --from-env")
    }
}
