import Files
import Shell
import Voice

/// The interactive prompt: libedit, the history file, and completion from the command tree.
struct InteractiveShell {
    let session: ShellSession

    func run() -> Int32 {
        let historyFile = HistoryFile(path: session.paths.history)
        do {
            try PrivateDirectory.make(session.paths.historyDirectory)
            session.history = try historyFile.load()
        } catch {
            Console.error(error.message, hint: error.hint)
            return ExitStatus.permission.rawValue
        }
        session.isInteractive = true
        let vault = session.vault.store.exists ? "vault locked" : "no vault yet ('vault init' creates one)"
        Console.writeError("cfaccess \(Cfaccess.version), \(vault); type help, Tab completes\n")
        let reader = EditLineReader(completion: session, variables: session.variable)
        reader.addHistory(session.history)
        let policy = session.historyPolicy
        let options = ShellLoop.Options(interactive: true, sourceName: "<stdin>")
        let loop = ShellLoop(reader: reader, options: options, delegate: session) { typed, words in
            guard policy.allows(line: typed, words: words) else { return }
            let line = String(typed.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            reader.addHistory(line)
            session.history.append(line)
            historyFile.append(line)
        }
        return loop.run()
    }
}
