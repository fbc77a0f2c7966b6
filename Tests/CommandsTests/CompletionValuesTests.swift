import Foundation
import Testing

/// Feed and token names complete wherever a command takes one: in bash (the generated script,
/// run by a real bash, asking `cfaccess ---completion` as Tab would) and in the interactive shell.
@Suite struct CompletionValuesTests {
    /// A home with two feeds (tokens `permitted` and `accountOwned`) and a saved default token.
    static func home() throws -> SandboxHome {
        let home = try SandboxHome()
        for (feed, token) in [("prod", "permitted"), ("staging", "accountOwned")] {
            let created = try home.run(["feed", "create", feed, "--account", SandboxProcess.account, "--token", token, "--no-check"])
            #expect(created.status == 0, "\(created.stderr)")
        }
        #expect(try home.run(["config", "set", "token", "expiringSoon"]).status == 0)
        return home
    }

    /// What bash offers for the last word of `line` (which ends where the cursor is).
    static func bash(_ line: String, home: SandboxHome, environment: [String: String]) throws -> [String] {
        let script = home.work.appendingPathComponent("completion.bash")
        try CLI.run(["completion", "bash"]).stdout.write(to: script)
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(script.path)'
            COMP_WORDS=(\(words)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _cfaccess cfaccess "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}" > '\(home.work.path)/offered'
            """
        try program.write(to: home.work.appendingPathComponent("complete.sh"), atomically: true, encoding: .utf8)
        let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let path = CLI.executable.deletingLastPathComponent().path
        #expect(try CLI.shell("env -i PATH='\(path):/usr/bin:/bin' \(exports) bash complete.sh", in: home.work) == 0)
        return try String(contentsOf: home.work.appendingPathComponent("offered"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesFeedAndTokenNames() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let environment = ["CFACCESS_HOME": home.home]
        #expect(try Self.bash("cfaccess feed show ", home: home, environment: environment) == ["prod", "staging"])
        #expect(try Self.bash("cfaccess feed run prod ", home: home, environment: environment) == ["prod", "staging"])
        #expect(try Self.bash("cfaccess logs summary --feed st", home: home, environment: environment) == ["staging"])
        let tokens = ["accountOwned", "expiringSoon", "permitted"]
        #expect(try Self.bash("cfaccess logs fetch --token ", home: home, environment: environment) == tokens)
        #expect(try Self.bash("cfaccess token check-scopes ", home: home, environment: environment) == tokens)
        #expect(try Self.bash("cfaccess feed update prod --token ex", home: home, environment: environment) == ["expiringSoon"])
        #expect(try Self.bash("cfaccess token rotate ", home: home, environment: [:]).isEmpty, "no home, no names")
    }

    @Test func theInteractiveShellCompletesThemToo() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let terminal = try PseudoTerminal(environment: ["CFACCESS_HOME": home.home, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                                                        "HOME": home.work.path, "NO_COLOR": "1"])
        #expect(terminal.waitFor(InteractiveShellTests.prompt))
        terminal.pause()
        var mark = terminal.mark
        terminal.send("feed show st\t")
        terminal.pause()
        terminal.send("\r")
        #expect(terminal.waitFor("name:        staging", after: mark), "\(terminal.transcript)")
        #expect(terminal.waitFor(InteractiveShellTests.prompt, after: mark))
        terminal.pause()
        // Before the vault is unlocked: the names feeds and the saved defaults use.
        mark = terminal.mark
        terminal.send("feed update prod --token acc\t")
        terminal.pause()
        #expect(terminal.waitFor("ountOwned", after: mark), "\(terminal.transcript)")
        terminal.send("\u{03}")
        terminal.pause()
        terminal.send("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }
}
