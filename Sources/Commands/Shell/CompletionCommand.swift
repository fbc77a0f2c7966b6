import ArgumentParser
import Voice

/// `cfaccess completion bash|zsh|fish`: the completion script, to source or install.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the bash, zsh or fish completion script.",
        discussion: """
            Examples:
              cfaccess completion bash > /etc/bash_completion.d/cfaccess
              cfaccess completion zsh > "${fpath[1]}/_cfaccess"
              cfaccess completion fish > ~/.config/fish/completions/cfaccess.fish
            """
    )

    enum Shell: String, ExpressibleByArgument, CaseIterable { case bash, zsh, fish }

    @Argument(help: "The shell.") var shell: Shell

    func run() throws {
        let kind: CompletionShell = switch shell {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
        Console.writeOutput(Cfaccess.completionScript(for: kind) + "\n")
    }
}
