import Foundation
import Testing

/// The interactive shell under a real pseudo-terminal: what a user types, what they see, and
/// what the history file keeps afterwards.
@Suite(.serialized) struct InteractiveShellTests {
    static let prompt = "cfaccess> "

    static func start(environment extra: [String: String] = [:]) throws -> (PseudoTerminal, URL) {
        let home = try CLI.temporaryDirectory()
        #expect(chmod(home.path, 0o700) == 0)
        let terminal = try PseudoTerminal(environment: [
            // Plain text to match on: colour has tests of its own.
            "CFACCESS_HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": home.path, "NO_COLOR": "1",
        ].merging(extra) { _, new in new })
        #expect(terminal.waitFor(prompt), "no prompt: \(terminal.transcript)")
        // Keys typed before the editor has taken the terminal are read in cooked mode, as in
        // any readline program; like a user, the tests wait a moment after each prompt.
        terminal.pause()
        return (terminal, home)
    }

    /// Completion is checked by its effect: the completed line runs as the full command would.
    @Test func completesCommandsOptionsAndValues() throws {
        let (terminal, home) = try Self.start()
        defer { try? FileManager.default.removeItem(at: home) }
        var mark = terminal.mark
        terminal.send("vers\t")
        terminal.pause()
        terminal.send("\r")
        #expect(terminal.waitFor("cfaccess 0.1.0", after: mark), "\(terminal.transcript)")

        // Option name, then one of its values, then a file argument.
        mark = terminal.mark
        terminal.send("map --prof\t")
        terminal.pause()
        terminal.send("sec\t")
        terminal.pause()
        terminal.send(" nowhere.ndjson\r")
        #expect(terminal.waitFor("cannot open 'nowhere.ndjson'", after: mark), "\(terminal.transcript)")

        mark = terminal.mark
        terminal.send("help ma\t")
        terminal.pause()
        terminal.send("\r")
        #expect(terminal.waitFor("USAGE: cfaccess map", after: mark), "\(terminal.transcript)")
        #expect(terminal.waitFor(Self.prompt, after: mark))

        // Keys typed before the prompt is back are flushed when the editor starts, as in any
        // readline program; like a user, the test waits for the prompt before each key.
        terminal.pause()
        terminal.send("\u{04}") // Ctrl-D on an empty line leaves
        #expect(terminal.exitStatus() == 0)
    }

    @Test func editsRecallsAndSearchesHistory() throws {
        let (terminal, home) = try Self.start()
        defer { try? FileManager.default.removeItem(at: home) }
        // Emacs editing: type a wrong first letter, go to the start (Ctrl-A), delete it (Ctrl-D).
        #expect(Self.enter("xversion\u{01}\u{04}", on: terminal).contains("cfaccess 0.1.0"), "\(terminal.transcript)")
        // Up recalls the last line.
        #expect(Self.enter("\u{1B}[A", on: terminal).contains("cfaccess 0.1.0"), "\(terminal.transcript)")

        // Lines that must not be kept.
        _ = Self.enter(" map --account secret-by-choice nowhere.ndjson", on: terminal)
        _ = Self.enter("set TOKEN not-for-history", on: terminal)
        #expect(Self.enter("map --account cfut_FakeFakeFakeFakeFakeFakeFakeFakeFakeFake12 nowhere.ndjson", on: terminal)
            .contains("cannot open 'nowhere.ndjson'"))
        // Secret-taking options, known or not, and values shaped like a store's secret key.
        let awsShaped = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        _ = Self.enter("storage add s3y --endpoint http://127.0.0.1:9/ --access-key-id AKIAFAKE --secret \(awsShaped)", on: terminal)
        let echoed = Self.enter("storage add s3y --endpoint http://127.0.0.1:9/ --access-key-id AKIAFAKE --from-env \(awsShaped)", on: terminal)
        #expect(!echoed.contains(awsShaped), "\(echoed)")
        _ = Self.enter("vault init --passphrase hunter2hunter2", on: terminal)
        _ = Self.enter("vault init --password=hunter2hunter2", on: terminal)
        _ = Self.enter("token add x --token-value plain-words", on: terminal)

        // Ctrl-R searches back through the history.
        var mark = terminal.mark
        terminal.send("\u{12}")
        #expect(terminal.waitFor("bck:", after: mark), "\(terminal.transcript)")
        terminal.send("vers")
        terminal.pause()
        #expect(Self.enter("", on: terminal).contains("cfaccess 0.1.0"), "\(terminal.transcript)")

        // Ctrl-C throws the line away and the shell carries on.
        mark = terminal.mark
        terminal.send("map half-typed")
        terminal.pause()
        terminal.send("\u{03}")
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()
        #expect(Self.enter("version", on: terminal).contains("cfaccess 0.1.0"))

        terminal.send("exit 5\r")
        #expect(terminal.exitStatus() == 5)

        let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
        let entries = history.split(separator: "\n").map(String.init)
        // The edited line, the recalled one, the searched one, the one after Ctrl-C, and exit.
        #expect(entries == ["version", "version", "version", "version", "exit 5"])
        #expect(!entries.contains("xversion"))
        #expect(entries.last == "exit 5")
        #expect(!history.contains("secret-by-choice"))
        #expect(!history.contains("not-for-history"))
        #expect(!history.contains("cfut_"))
        #expect(!history.contains("half-typed"))
        #expect(!history.contains("wJalr") && !history.contains("hunter2") && !history.contains("plain-words"))
        let mode = try FileManager.default.attributesOfItem(atPath: home.appendingPathComponent("history").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Types `keys` and Enter, waits for the next prompt, and returns what appeared meanwhile.
    static func enter(_ keys: String, on terminal: PseudoTerminal) -> String {
        let mark = terminal.mark
        terminal.send(keys + "\r")
        let start = terminal.transcript.distance(from: terminal.transcript.startIndex, to: mark)
        guard terminal.waitFor(prompt, after: mark) else { return "" }
        terminal.pause()
        return String(terminal.transcript.dropFirst(start))
    }

    @Test func ctrlCInterruptsARunningCommandNotTheShell() throws {
        let (terminal, home) = try Self.start()
        defer { try? FileManager.default.removeItem(at: home) }
        let fifo = home.appendingPathComponent("never-ending")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // Opened for writing and never closed: map blocks reading it until interrupted.
        let holder = Thread { _ = open(fifo.path, O_WRONLY) }
        holder.start()
        var mark = terminal.mark
        terminal.send("map \(fifo.path)\r")
        terminal.pause(1)
        terminal.send("\u{03}")
        #expect(terminal.waitFor("cfaccess: error: interrupted", after: mark), "\(terminal.transcript)")
        #expect(terminal.waitFor(Self.prompt, after: mark))
        mark = terminal.mark
        terminal.send("version\r")
        #expect(terminal.waitFor("cfaccess 0.1.0", after: mark))
        terminal.send("quit\r")
        #expect(terminal.exitStatus() == 0)
    }

    /// Passphrases and pasted tokens are typed with echo off and their prompts erased; the key
    /// then stays for the session, token names complete, and `vault lock` or the idle timeout
    /// forget it.
    @Test func secretPromptsAndTheSessionKey() throws {
        let (terminal, home) = try Self.start(environment: ["CFACCESS_LOCK_AFTER": "2s"])
        defer { try? FileManager.default.removeItem(at: home) }
        let passphrase = "pty passphrase not shown"
        let token = "cfut_FakePtyToken" + String(repeating: "7", count: 40)

        var mark = terminal.mark
        terminal.send("vault init --kdf interactive\r")
        #expect(terminal.waitFor("New vault passphrase: ", after: mark), "\(terminal.transcript)")
        terminal.pause()
        terminal.send(passphrase + "\r")
        #expect(terminal.waitFor("Repeat the passphrase: ", after: mark))
        terminal.pause()
        terminal.send(passphrase + "\r")
        #expect(terminal.waitFor("created", after: mark))
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()

        mark = terminal.mark
        terminal.send("token add prod\r")
        #expect(terminal.waitFor("Paste the API token for 'prod': ", after: mark), "\(terminal.transcript)")
        terminal.pause()
        terminal.send(token + "\r")
        #expect(terminal.waitFor("added 'prod'", after: mark), "\(terminal.transcript)")
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()
        // The key is held: no second passphrase prompt, and token names complete.
        #expect(Self.enter("token show pr\t", on: terminal).contains("fingerprint: cfut_…7777"), "\(terminal.transcript)")

        #expect(Self.enter("vault lock", on: terminal).contains("locked"))
        mark = terminal.mark
        terminal.send("token list\r")
        #expect(terminal.waitFor("Vault passphrase: ", after: mark), "\(terminal.transcript)")
        terminal.pause()
        terminal.send(passphrase + "\r")
        #expect(terminal.waitFor("prod", after: mark))
        #expect(terminal.waitFor(Self.prompt, after: mark))

        // Idle past CFACCESS_LOCK_AFTER: the key is gone.
        terminal.pause(3)
        #expect(Self.enter("vault status", on: terminal).contains("state:       locked"), "\(terminal.transcript)")

        terminal.send("exit\r")
        #expect(terminal.exitStatus() == 0)
        #expect(!terminal.transcript.contains(passphrase))
        #expect(!terminal.transcript.contains(token))
        // Each prompt was erased after use: carriage return and clear-to-end-of-line follow it.
        #expect(terminal.transcript.contains("Vault passphrase: \r\u{1B}[K"))
        let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
        #expect(!history.contains(passphrase) && !history.contains(token))
        #expect(history.contains("token add prod"))
    }

    /// The shell greets in one line, its `help` describes the shell (not the start-up options),
    /// and a directory completes with its slash and no space.
    @Test func greetsHelpsAndCompletesDirectories() throws {
        let (terminal, home) = try Self.start()
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(terminal.transcript.contains("cfaccess 0.1.0, no vault yet ('vault init' creates one); type help, Tab completes"))
        var mark = terminal.mark
        terminal.send("help\r")
        #expect(terminal.waitFor("earlier lines; Ctrl-C clears the line", after: mark), "\(terminal.transcript)")
        let help = String(terminal.transcript[mark...])
        #expect(help.contains("COMMANDS:") && help.contains("set NAME VALUE") && help.contains("exit, quit, Ctrl-D"))
        #expect(!help.contains("--passphrase-fd") && !help.contains("--keep-going"))
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()
        try FileManager.default.createDirectory(at: home.appendingPathComponent("somedir"), withIntermediateDirectories: true)
        mark = terminal.mark
        terminal.send("map \(home.path)/som\t")
        terminal.pause()
        // Right after the slash, with no space: the next characters go inside the directory.
        terminal.send("nowhere.ndjson\r")
        #expect(terminal.waitFor("cannot open '\(home.path)/somedir/nowhere.ndjson'", after: mark), "\(terminal.transcript)")
        terminal.pause()
        terminal.send("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }

    /// `logs fetch` from `sandbox` since 2025-07-01 on a pseudo-terminal.
    static func fetchOnATerminal(_ home: SandboxHome, _ sandbox: SandboxProcess, _ extra: [String] = []) throws -> PseudoTerminal {
        try PseudoTerminal(
            arguments: home.arguments + ["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted",
                                         "--since", "2025-07-01", "--base-url", sandbox.baseURL] + extra,
            environment: home.environment.merging(["TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]) { $1 })
    }

    /// Table rows on the terminal never start at the end of the progress line: it is erased
    /// before each batch of rows, and drawn again only once they are out.
    @Test func tableRowsNeverStartOnTheProgressLine() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "12000", "--max-page-size", "1000", "--slow-ms", "150"])
        let terminal = try Self.fetchOnATerminal(home, sandbox)
        #expect(terminal.waitFor("cfaccess: logs: 12000 records in"), "\(terminal.transcript)")
        #expect(terminal.exitStatus() == 0)
        let transcript = terminal.transcript
        let drawn = transcript.components(separatedBy: " of now").count - 1
        let erased = transcript.components(separatedBy: " of now\r\u{1B}[K").count - 1
        #expect(drawn > 1 && erased == drawn, "\(transcript.suffix(2000))")
        #expect(transcript.components(separatedBy: "allowed  ").count + transcript.components(separatedBy: "denied   ").count - 2 == 12000)
    }

    /// On a terminal, a long fetch shows a live progress line (records, rate, how far into the
    /// window) that is erased when it is done.
    @Test func aLongFetchShowsProgressOnATerminal() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "3000", "--max-page-size", "200", "--slow-ms", "250"])
        let terminal = try Self.fetchOnATerminal(home, sandbox, ["-o", home.work.appendingPathComponent("out").path])
        #expect(terminal.waitFor("records/s, at 2025-07-01T"), "\(terminal.transcript)")
        #expect(terminal.transcript.contains("\r\u{1B}[Kcfaccess: logs: "))
        #expect(terminal.waitFor("cfaccess: logs: 3000 records in"), "\(terminal.transcript)")
        #expect(terminal.exitStatus() == 0)
        // Erased before the summary.
        let summary = terminal.transcript.range(of: "cfaccess: logs: 3000 records in")!
        #expect(terminal.transcript[..<summary.lowerBound].hasSuffix("\r\u{1B}[K"))
    }

    /// A token pasted with a line break inside reaches the prompt whole (bracketed paste) and is
    /// refused with the position of the break; without bracketed paste the cut token is refused
    /// as too short, and its second half, left pending, is discarded instead of run. A paste
    /// ending in a line break is cleaned. Nothing of any of them reaches the screen or history.
    @Test func aPastedTokenIsTakenWholeAndNothingReachesTheShell() throws {
        let (terminal, home) = try Self.start()
        defer { try? FileManager.default.removeItem(at: home) }
        let passphrase = "pty paste passphrase (test only)"
        var mark = terminal.mark
        terminal.send("vault init --kdf interactive\r")
        #expect(terminal.waitFor("New vault passphrase: ", after: mark))
        terminal.pause()
        terminal.send(passphrase + "\r")
        #expect(terminal.waitFor("Repeat the passphrase: ", after: mark))
        terminal.pause()
        terminal.send(passphrase + "\r")
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()

        let first = "cfut_FakePastedTokenWith", second = "AccessAuditLogsRead0000000000000000"
        // A terminal with bracketed paste: the markers around a two-line paste, then Enter.
        mark = terminal.mark
        terminal.send("token add split\r")
        #expect(terminal.waitFor("Paste the API token for 'split': ", after: mark))
        #expect(terminal.transcript[mark...].contains("\u{1B}[?2004h"), "bracketed paste was not asked for")
        terminal.pause()
        terminal.send("\u{1B}[200~" + first + "\n" + second + "\u{1B}[201~\r")
        #expect(terminal.waitFor("character 25 of 60 is U+000A LINE FEED", after: mark), "\(terminal.transcript[mark...])")
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()

        // A terminal without it: the first line ends the prompt, the rest was pending.
        mark = terminal.mark
        terminal.send("token add cut\r")
        #expect(terminal.waitFor("Paste the API token for 'cut': ", after: mark))
        terminal.pause()
        terminal.send(first + "\r" + second + "\r")
        #expect(terminal.waitFor("was it cut by a line break?", after: mark), "\(terminal.transcript[mark...])")
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause(1)
        #expect(!terminal.transcript[mark...].contains("unknown command"), "\(terminal.transcript[mark...])")

        // A whole token pasted with a trailing line break.
        mark = terminal.mark
        terminal.send("token add whole\r")
        #expect(terminal.waitFor("Paste the API token for 'whole': ", after: mark))
        terminal.pause()
        terminal.send("\u{1B}[200~" + first + second + "\n\u{1B}[201~\r")
        #expect(terminal.waitFor("removed 1 trailing newline", after: mark), "\(terminal.transcript[mark...])")
        #expect(terminal.waitFor("added 'whole'", after: mark))
        #expect(terminal.waitFor(Self.prompt, after: mark))
        terminal.pause()
        terminal.send("exit\r")
        #expect(terminal.exitStatus() == 0)
        #expect(!terminal.transcript.contains(first) && !terminal.transcript.contains(second))
        let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
        #expect(!history.contains(second) && !history.contains(first))
    }
}
