import Foundation
import Testing

/// Colour only on a terminal, and never with `NO_COLOR` or `--no-color` (pipes and files are
/// covered by every transcript, which must stay plain).
@Suite struct ColourTests {
    static func environment(_ home: URL, _ extra: [String: String] = [:]) -> [String: String] {
        ["CFACCESS_HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"].merging(extra) { $1 }
    }

    @Test func errorsAndHintsAreColouredOnATerminal() throws {
        let home = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(arguments: ["bogus"], environment: Self.environment(home))
        #expect(terminal.waitFor("to see the commands"))
        #expect(terminal.transcript.contains("\u{1B}[31merror:\u{1B}[0m unknown command 'bogus'"))
        #expect(terminal.transcript.contains("\u{1B}[36mhint:\u{1B}[0m"))
        #expect(terminal.exitStatus() == 64)
    }

    @Test(arguments: [(["bogus"], ["NO_COLOR": "1"]), (["--no-color", "bogus"], [:]), (["bogus", "--no-color"], [:])])
    func noColourWhenAskedNotTo(_ arguments: [String], _ extra: [String: String]) throws {
        let home = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(arguments: arguments, environment: Self.environment(home, extra))
        #expect(terminal.waitFor("to see the commands"))
        #expect(terminal.transcript.contains("cfaccess: error: unknown command 'bogus'"))
        #expect(!terminal.transcript.contains("\u{1B}["))
    }

    @Test func tableHeadersAreBoldOnATerminal() throws {
        let home = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = Self.environment(home)
        try FileManager.default.createDirectory(atPath: environment["CFACCESS_HOME"]! + "/feeds", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        #expect(chmod(environment["CFACCESS_HOME"]!, 0o700) == 0)
        let feed = #"{"account":"023e105f4ecef8ad9ca31a8372d0c353","events":["access_requests"],"format":"raw","lookback":600,"name":"prod","output":"/tmp/prod.ndjson","rejects":"/tmp/prod.ndjson.rejects","start":"2025-07-01T00:00:00Z","token":"t"}"#
        let path = environment["CFACCESS_HOME"]! + "/feeds/prod.json"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(feed.utf8), attributes: [.posixPermissions: 0o600]))
        let terminal = try PseudoTerminal(arguments: ["feed", "list"], environment: environment)
        #expect(terminal.waitFor("never run"))
        #expect(terminal.transcript.contains("\u{1B}[1mNAME"))
    }

    /// `logs fetch` on a terminal writes a table (its default there) that fits the terminal's
    /// 120 columns, with allowed in green and denied in red.
    @Test func theFetchTableFitsTheTerminalAndColoursTheResult() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "30"])
        let terminal = try PseudoTerminal(
            arguments: home.arguments + ["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch,
                                         "--base-url", sandbox.baseURL],
            environment: Self.environment(URL(fileURLWithPath: home.home)))
        #expect(terminal.waitFor("30 records in"))
        #expect(terminal.exitStatus() == 0)
        // Lines as the terminal shows them: the progress line is erased with a carriage return.
        let rows = terminal.transcript.split { $0 == "\r\n" || $0 == "\r" || $0 == "\n" }.map { $0.replacing(/\u{1B}\[[0-9;]*[mK]/, with: "") }
        let table = rows.drop { !$0.contains("TIME") }.prefix { $0.hasPrefix("2025-") || $0.contains("TIME") }
        #expect(table.count == 31, "a header and a row per record")
        #expect(table.first?.contains(/TIME +RESULT +USER +APPLICATION +SOURCE IP +CC +IDP/) == true)
        #expect(table.allSatisfy { $0.count < 120 }, "\(table.map(\.count)) \(table.first ?? "")")
        #expect(terminal.transcript.contains("\u{1B}[32mallowed\u{1B}[0m") && terminal.transcript.contains("\u{1B}[31mdenied\u{1B}[0m"))
    }
}
