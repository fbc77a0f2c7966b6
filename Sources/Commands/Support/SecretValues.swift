import ArgumentParser
import Secrets

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

/// A command that can take its secret from the next line of a script (`--from-file -`).
protocol ReadsDataLines {
    /// Long options that read the next script line when their value is `-`.
    static var dataLineOptions: Set<String> { get }
}

extension SecretWords {
    /// A command line with the marks of the command it names. Follows subcommand names through
    /// the type tree without a full parse, so a line that fails to parse is still judged by the
    /// command it names.
    init(_ words: [String]) {
        var command: ParsableCommand.Type = Cfaccess.self
        var index = 0
        while index < words.count,
              let next = command.configuration.subcommands.first(where: {
                  $0.configuration.commandName == words[index] || $0.configuration.aliases.contains(words[index])
              }) {
            command = next
            index += 1
        }
        let declared = command as? DeclaresSecrets.Type
        let marks = SecretMarks(options: declared?.secretOptions ?? [], positions: declared?.secretPositions ?? [],
                                dataLineOptions: (command as? ReadsDataLines.Type)?.dataLineOptions ?? [])
        self.init(words, first: index, marks: marks)
    }
}
