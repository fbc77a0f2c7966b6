import Foundation
import Testing

/// A token that expires soon, over real HTTP: check-scopes says when and warns, `token list`
/// shows the date, a feed using it is `expiring` (failing only `--strict`), and the metrics give
/// the expiry.
@Suite struct TokenExpiryTests {
    /// The date three days from now, as the sandbox's expiring token gives it (UTC).
    static var inThreeDays: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date().addingTimeInterval(3 * 86_400))
    }

    @Test func checkScopesAndTokenListSayWhenItExpires() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "10"])
        let check = try home.run(["token", "check-scopes", "expiringSoon", "--account", SandboxProcess.account, "--base-url", sandbox.baseURL])
        #expect(check.status == 0, "a warning does not fail the check: \(check.stderr)")
        #expect(check.stdoutText.contains("warning status     active, but it expires in 3 days, \(Self.inThreeDays)"), "\(check.stdoutText)")
        #expect(check.stdoutText.contains("→ create a new token and store it with 'cfaccess token rotate expiringSoon'"))
        let lasting = try home.run(["token", "check-scopes", "permitted", "--account", SandboxProcess.account, "--base-url", sandbox.baseURL])
        #expect(lasting.stdoutText.contains("pass    status     active, no expiry"))
        let list = try home.run(["token", "list"])
        let rows = list.stdoutText.split(separator: "\n")
        #expect(rows.first?.contains("EXPIRES") == true)
        #expect(rows.first { $0.hasPrefix("expiringSoon ") }?.contains("\(Self.inThreeDays) (in 3 days)") == true, "\(list.stdoutText)")
        #expect(rows.first { $0.hasPrefix("permitted ") }?.contains(" never ") == true)
        #expect(rows.first { $0.hasPrefix("expired ") }?.contains(" - ") == true, "never checked")
    }

    @Test func aFeedWithAnExpiringTokenIsExpiringEverywhere() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "50"])
        for (feed, token) in [("soon", "expiringSoon"), ("lasting", "permitted")] {
            let created = try home.run(["feed", "create", feed, "--account", SandboxProcess.account, "--token", token, "--base-url", sandbox.baseURL,
                                        "--start", SandboxProcess.epoch, "--no-check"])
            #expect(created.status == 0, "\(created.stderr)")
        }
        let metrics = home.work.appendingPathComponent("cfaccess.prom")
        let run = try home.run(["feed", "run", "--all", "--metrics-file", metrics.path])
        #expect(run.status == 0, "\(run.stderr)")
        let status = try home.run(["feed", "status"])
        #expect(status.status == 0, "expiring alone is not a failure: \(status.stdoutText)")
        let soon = status.stdoutText.split(separator: "\n").first { $0.hasPrefix("soon ") } ?? ""
        #expect(soon.contains("expiring") && soon.contains("expires in 3 days, \(Self.inThreeDays)"), "\(status.stdoutText)")
        #expect(status.stdoutText.split(separator: "\n").first { $0.hasPrefix("lasting ") }?.contains(" ok ") == true)
        #expect(try home.run(["feed", "status", "--strict"]).status == 1)
        #expect(try home.run(["feed", "status", "--strict", "lasting"]).status == 0)
        let json = try home.run(["feed", "status", "soon", "--json"])
        #expect(json.stdoutText.contains(#""health":"expiring""#) && json.stdoutText.contains(#""token_expires":"expires in 3 days"#))
        let exposition = try String(contentsOf: metrics, encoding: .utf8)
        let line = exposition.split(separator: "\n").first { $0.hasPrefix("cfaccess_token_expiry_timestamp_seconds{token=\"expiringSoon\"}") }
        let seconds = line.flatMap { Double($0.split(separator: " ").last!) } ?? 0
        #expect(abs(seconds - (Date().timeIntervalSince1970 + 3 * 86_400)) < 600, "\(exposition)")
        #expect(!exposition.contains("token=\"permitted\""), "a token that never expires has no expiry")
        #expect(exposition.contains("cfaccess_feed_up{feed=\"soon\"} 1"))
    }
}
