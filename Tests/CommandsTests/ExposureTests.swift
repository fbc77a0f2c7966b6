import Foundation
import Testing

/// What cfaccess shows or writes must never expose a secret or let a server drive the terminal.
@Suite struct ExposureTests {
    /// libcurl writes TLS session secrets wherever `SSLKEYLOGFILE` points; cfaccess clears it
    /// unless `--tls-keylog` asks for it (then the file appears, which shows the test can fail).
    @Test func sslKeyLogFileIsIgnoredUnlessAskedFor() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let server = try TLSTests.HTTPSServer(in: home.work)
        let keylog = home.work.appendingPathComponent("keys.log").path
        let environment = home.environment.merging(["SSLKEYLOGFILE": keylog]) { $1 }
        let command = ["token", "check-scopes", "permitted", "--account", SandboxProcess.account, "--base-url", server.baseURL,
                       "--ca-file", server.caFile.path]
        let quiet = try CLI.run(home.arguments + command, environment: environment)
        #expect(quiet.stdoutText.contains("verify"), "\(quiet.stdoutText) \(quiet.stderr)")
        #expect(!FileManager.default.fileExists(atPath: keylog))
        _ = try CLI.run(home.arguments + ["--tls-keylog"] + command, environment: environment)
        #expect(FileManager.default.fileExists(atPath: keylog))
    }

    /// A server's error text with ESC, OSC and BEL sequences reaches the terminal escaped.
    @Test func serverTextCannotDriveTheTerminal() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let server = """
            import http.server, json
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = json.dumps({"success": False, "messages": [], "result": None, "errors": [
                        {"code": 10000, "message": "\\u001b]0;owned\\u0007\\u001b[2J\\u001b[31mfake prompt$ \\r"}]}).encode()
                    self.send_response(403)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            print(httpd.server_address[1], flush=True)
            httpd.serve_forever()
            """
        let python = try PythonServer(script: server, in: home.work)
        let port = python.port
        let outcome = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", "1h",
                                    "--base-url", "http://127.0.0.1:\(port)/client/v4"])
        #expect(outcome.status == 77, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(#"\u{1B}]0;owned\u{7}\u{1B}[2J\u{1B}[31mfake prompt$ \u{D}"#), "\(outcome.stderr)")
        #expect(!outcome.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// A token pasted where a name goes is refused, never stored or printed.
    @Test func credentialShapedNamesAreRefused() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let token = "cfut_FakeTokenPastedAsANameForTheTests000000000"
        let cases: [[String]] = [
            ["config", "set", "token", token],
            ["token", "add", token, "--from-env", "NOPE"],
            ["feed", "create", "prod", "--account", SandboxProcess.account, "--token", token, "--no-check"],
        ]
        for command in cases {
            let refused = try home.run(command)
            #expect(refused.status == 64, "\(command[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("looks like an API token itself"))
            #expect(!refused.stderr.contains(token) && !refused.stdoutText.contains(token))
        }
        let config = home.home + "/config.json"
        #expect(!((try? String(contentsOfFile: config, encoding: .utf8)) ?? "").contains(token))
        // The scrubber covers status lines too.
        let set = try home.run(["config", "set", "account", SandboxProcess.account])
        #expect(set.stderr.contains("account = \(SandboxProcess.account)"))
    }
}
