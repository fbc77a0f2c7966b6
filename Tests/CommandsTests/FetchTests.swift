import Foundation
import Testing

/// `logs fetch` and `token check-scopes` over real HTTP against the sandbox: under every fault,
/// nothing is lost and nothing is repeated.
@Suite struct FetchTests {
    struct FaultCase: CustomTestStringConvertible, Sendable {
        var name: String
        var faults: [String]
        var testDescription: String { name }
    }

    static let faultCases: [FaultCase] = [
        .init(name: "no faults", faults: []),
        .init(name: "silent page-size clamp", faults: ["--max-page-size", "170"]),
        .init(name: "more equal timestamps than a page", faults: ["--tie-burst", "450", "--max-page-size", "200"]),
        .init(name: "500, HTML 502 and 503", faults: ["--fail-every", "3"]),
        .init(name: "rate limited with Retry-After", faults: ["--rate-limit", "4", "--rate-window", "1"]),
        .init(name: "cut JSON", faults: ["--truncate-every", "4"]),
        .init(name: "connection cut mid-body", faults: ["--reset-every", "3"]),
        .init(name: "slow answers", faults: ["--slow-ms", "30"]),
        .init(name: "ties in a different order each time", faults: ["--shuffle-ties", "--max-page-size", "150"]),
        .init(name: "everything at once", faults: ["--max-page-size", "190", "--tie-burst", "400", "--fail-every", "5",
                                                   "--truncate-every", "7", "--reset-every", "11", "--rate-limit", "10", "--rate-window", "1", "--slow-ms", "5", "--shuffle-ties"]),
    ]

    @Test(arguments: faultCases)
    func fetchesEveryRecordExactlyOnce(_ testCase: FaultCase) throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "1500", "--seed", "7"]
        let sandbox = try SandboxProcess(data + testCase.faults)
        let expected = try SandboxProcess.dataset(data + tieArguments(testCase.faults), in: home.work)
        let output = home.work.appendingPathComponent("raw.ndjson")
        let outcome = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted",
                                    "--since", "2025-07-01T00:00:00Z", "--base-url", sandbox.baseURL, "--format", "raw", "-o", output.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let fetched = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(fetched.count == expected.count, "\(outcome.stderr)")
        #expect(Set(fetched).count == fetched.count, "duplicates")
        #expect(Set(fetched) == Set(expected), "lost or foreign records")
    }

    /// The dataset depends on the tie-burst setting only.
    private func tieArguments(_ faults: [String]) -> [String] {
        guard let index = faults.firstIndex(of: "--tie-burst") else { return [] }
        return Array(faults[index...index + 1])
    }

    @Test func writesOCSFWithTheAccountAndStopsAtMaxRecords() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "300"])
        let outcome = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "accountOwned", "--since", "7d",
                                    "--until", "2099-01-01T00:00:00Z", "--base-url", sandbox.baseURL, "--max-records", "120",
                                    "--page-size", "50", "--format", "ocsf"])
        // `--since 7d` is relative to now; the sandbox's data is from 2025, so nothing comes back.
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        let since = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "accountOwned",
                                  "--since", "2025-07-01T00:00:00Z", "--base-url", sandbox.baseURL, "--max-records", "120",
                                  "--page-size", "50", "--format", "ocsf"])
        #expect(since.status == 0, "\(since.stderr)")
        let events = since.stdoutText.split(separator: "\n")
        #expect(events.count == 120)
        let first = try JSONSerialization.jsonObject(with: Data(events[0].utf8)) as? [String: Any]
        #expect((first?["metadata"] as? [String: Any])?["tenant_uid"] as? String == SandboxProcess.account)
        #expect(first?["class_uid"] as? Int == 3002)
    }

    @Test func neverPutsTheTokenInALogLineOrOutput() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "200", "--fail-every", "2"])
        let outcome = try CLI.run(home.arguments + ["--verbose", "logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted",
                                                    "--since", "2025-07-01T00:00:00Z", "--base-url", sandbox.baseURL, "--format", "table"],
                                  environment: home.environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cfaccess: http: GET /accounts/\(SandboxProcess.account)/access/logs/access_requests?since="))
        #expect(outcome.stderr.contains("(attempt 2)"))
        for token in SandboxProcess.tokens.values {
            #expect(!outcome.stderr.contains(token) && !outcome.stdoutText.contains(token))
        }
        #expect(outcome.stdoutText.hasPrefix("TIME "))
    }

    struct Verdict: CustomTestStringConvertible, Sendable {
        var token: String
        var status: Int32
        var failing: [String] = []
        var testDescription: String { token }
    }

    static let verdicts: [Verdict] = [
        .init(token: "permitted", status: 0),
        .init(token: "accountOwned", status: 0),
        .init(token: "noPermission", status: 77, failing: ["permission"]),
        // An inactive token also cannot read the logs: both checks say so.
        .init(token: "expired", status: 77, failing: ["status"]),
        .init(token: "disabled", status: 77, failing: ["status"]),
    ]

    @Test(arguments: verdicts)
    func checkScopesVerdicts(_ verdict: Verdict) throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "10"])
        let outcome = try home.run(["token", "check-scopes", verdict.token, "--account", SandboxProcess.account,
                                    "--base-url", sandbox.baseURL, "--json"])
        #expect(outcome.status == verdict.status, "\(outcome.stdoutText) \(outcome.stderr)")
        let report = try JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        let failed = checks.filter { $0["outcome"] as? String == "fail" }.compactMap { $0["name"] as? String }
        #expect(failed == verdict.failing)
        #expect(report?["passed"] as? Bool == (verdict.status == 0))
        // The token's own verdict and, apart from it, the account's are recorded in the vault entry:
        // a token that verified but may not read the account is not itself marked as failing.
        let shown = try home.run(["token", "show", verdict.token, "--json"])
        let entry = try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any]
        let facts = entry?["last_check"] as? [String: Any]
        #expect(facts?["verdict"] as? String == (verdict.failing.contains("verify") || verdict.failing.contains("status") ? "fail" : "pass"))
        #expect(facts?["result"] == nil)
        if verdict.failing == ["permission"] {
            #expect(Self.logs(facts, SandboxProcess.account) == "not readable")
        } else if verdict.status == 0 {
            #expect(Self.logs(facts, SandboxProcess.account) == "readable")
        }
    }

    /// An expired or disabled token gets the one fix that applies, and the permission, which
    /// cannot be judged then, is skipped rather than failed with fixes that do not apply.
    @Test func anInactiveTokenGetsItsOwnFix() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "10"])
        let expired = try home.run(["token", "check-scopes", "expired", "--account", SandboxProcess.account, "--base-url", sandbox.baseURL])
        #expect(expired.status == 77)
        #expect(expired.stdoutText.contains("fail    status     the token expired on 2025-01-01T00:00:00Z\n"), "\(expired.stdoutText)")
        #expect(expired.stdoutText.contains("→ create a new token, or extend this one's TTL, in My Profile → API Tokens; then store it with 'cfaccess token rotate expired'"))
        #expect(expired.stdoutText.contains("skip    permission not judged: a token that is not active reads nothing\n"))
        #expect(!expired.stdoutText.contains("check the account id"))
        let disabled = try home.run(["token", "check-scopes", "disabled", "--account", SandboxProcess.account, "--base-url", sandbox.baseURL])
        #expect(disabled.status == 77)
        #expect(disabled.stdoutText.contains("→ enable it in My Profile → API Tokens (its status), or create a new token and store it with 'cfaccess token rotate disabled'"))
        #expect(!disabled.stdoutText.contains("Audit Logs · Read"))
    }

    @Test func invalidTokenAndUnreachableAPI() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let added = try home.run(["token", "add", "revoked", "--from-file", "-"], stdin: "cfut_FakeRevokedTokenForTests000000000000000000\n".bytes)
        #expect(added.status == 0)
        let sandbox = try SandboxProcess(["--records", "10"])
        let invalid = try home.run(["token", "check-scopes", "revoked", "--account", SandboxProcess.account, "--base-url", sandbox.baseURL])
        #expect(invalid.status == 77)
        #expect(invalid.stdoutText.contains("fail    verify     HTTP 401: 1000 Invalid API Token"))
        let unreachable = try home.run(["token", "check-scopes", "permitted", "--account", SandboxProcess.account,
                                        "--base-url", "http://127.0.0.1:9/client/v4"])
        #expect(unreachable.status == 69, "\(unreachable.stdoutText)")
        // A feed run tries once, not a set of attempts for the token and another for the logs.
        let output = home.work.appendingPathComponent("dead.ndjson").path
        #expect(try home.run(["feed", "create", "dead", "--account", SandboxProcess.account, "--token", "permitted",
                              "--base-url", "http://127.0.0.1:9/client/v4", "--output", output, "--no-check"]).status == 0)
        let run = try home.run(["feed", "run", "dead"])
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "attempt 2 of").count == 2, "\(run.stderr)")
        #expect(run.stderr.contains("cannot reach Cloudflare at 'http://127.0.0.1:9/client/v4'"))
        #expect(try home.run(["feed", "status", "dead"]).stdoutText.contains("failing"))
        let insecure = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", "1h",
                                     "--base-url", "http://api.example.com/client/v4"])
        #expect(insecure.status == 64)
        #expect(insecure.stderr.contains("refusing the base URL 'http://api.example.com/client/v4' for --base-url: plain http:// is allowed only to a loopback address"))
    }

    /// A base URL is judged on the host libcurl will reach; one that only looks like loopback is
    /// refused before any request. One without a path means the API's path on that host.
    @Test func baseURLsAreCheckedAsLibcurlReadsThem() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "20"])
        for trick in ["http://localhost:1@evil.example/client/v4", "http://[::1]@evil.example/client/v4",
                      "http://localhost.evil.example/client/v4", "http://127.0.0.1.evil.example/client/v4"] {
            let refused = try home.run(["--verbose", "token", "check-scopes", "permitted", "--account", SandboxProcess.account, "--base-url", trick])
            #expect(refused.status == 64, "\(trick): \(refused.stderr)")
            #expect(refused.stderr.hasPrefix("cfaccess: error: refusing the base URL"), "\(trick)")
            #expect(!refused.stderr.contains("http: GET"), "a request was made for \(trick)")
        }
        // `http://127.0.0.1:PORT`, no path, as the dashboard writes the API's address.
        let bare = String(sandbox.baseURL.dropLast("/client/v4".count))
        let checked = try home.run(["token", "check-scopes", "permitted", "--account", SandboxProcess.account, "--base-url", bare])
        #expect(checked.status == 0, "\(checked.stdoutText) \(checked.stderr)")
    }

    /// Loopback requests never go through a proxy, even when the proxy variables name one.
    @Test func loopbackIsNeverProxied() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "20"])
        // Nothing listens on port 9: a request sent to this proxy fails.
        let proxy = "http://127.0.0.1:9"
        let outcome = try CLI.run(home.arguments + ["token", "check-scopes", "permitted", "--account", SandboxProcess.account,
                                                    "--base-url", sandbox.baseURL],
                                  environment: home.environment.merging(["http_proxy": proxy, "HTTP_PROXY": proxy, "ALL_PROXY": proxy, "all_proxy": proxy]) { $1 })
        #expect(outcome.status == 0, "\(outcome.stdoutText) \(outcome.stderr)")
    }

    /// A 200 far larger than any page (1 GiB of valid, whitespace-padded JSON) is abandoned at the
    /// limit and retried like any unusable answer: every record still arrives exactly once.
    @Test func anOversizedBodyIsAbandonedAndRetried() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "900", "--seed", "2"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "200", "--oversize-every", "2"])
        let expected = try SandboxProcess.dataset(data, in: home.work)
        let outcome = try home.run(["--verbose", "logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted",
                                    "--since", "2025-07-01T00:00:00Z", "--base-url", sandbox.baseURL, "--format", "raw"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("unusable response: the response was larger than 32 MiB and was abandoned"))
        let fetched = outcome.stdoutText.split(separator: "\n").map(String.init)
        #expect(fetched.sorted() == expected.sorted())
    }

    /// A token that verifies but may not read the account: the account is named as the problem,
    /// and the token itself is not recorded as failing.
    @Test func aWrongAccountIsAboutTheAccountNotTheToken() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "10"])
        let other = "0123456789abcdef0123456789abcdef"
        let outcome = try home.run(["token", "check-scopes", "permitted", "--account", other, "--base-url", sandbox.baseURL])
        #expect(outcome.status == 77)
        #expect(outcome.stdoutText.contains("pass    verify"))
        #expect(outcome.stdoutText.contains("fail    permission this token cannot read account \(other) (wrong id, or not scoped to it"))
        let shown = try home.run(["token", "show", "permitted", "--json"])
        let facts = (try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any])?["last_check"] as? [String: Any]
        // The token's own verdict stays pass; only the account's is not readable.
        #expect(facts?["verdict"] as? String == "pass", "\(facts ?? [:])")
        #expect(facts?["result"] == nil)
        #expect(Self.logs(facts, other) == "not readable")
        #expect(try home.run(["token", "show", "permitted"]).stdoutText.contains("last check:  pass at "))
        // The right account still reads: both verdicts are kept, each for its own account.
        #expect(try home.run(["token", "check-scopes", "permitted", "--account", SandboxProcess.account, "--base-url", sandbox.baseURL]).status == 0)
        let again = (try JSONSerialization.jsonObject(with: try home.run(["token", "show", "permitted", "--json"]).stdout) as? [String: Any])?["last_check"] as? [String: Any]
        #expect(Self.logs(again, SandboxProcess.account) == "readable")
        #expect(Self.logs(again, other) == "not readable")
        let text = try home.run(["token", "show", "permitted"]).stdoutText
        #expect(text.contains("  account \(other): not readable (checked "), "\(text)")
    }

    /// What `token show --json` says of one account's logs.
    static func logs(_ check: [String: Any]?, _ account: String) -> String? {
        ((check?["accounts"] as? [[String: Any]]) ?? []).first { $0["account"] as? String == account }?["logs"] as? String
    }

    /// Saved defaults fill --account, --token, --base-url and --format; an option still wins.
    @Test func savedDefaultsSpareTheTyping() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "50"])
        for (key, value) in [("account", SandboxProcess.account), ("token", "permitted"), ("base-url", sandbox.baseURL), ("format", "raw")] {
            #expect(try home.run(["config", "set", key, value]).status == 0)
        }
        let checked = try home.run(["token", "check-scopes", "permitted"])
        #expect(checked.status == 0, "\(checked.stdoutText) \(checked.stderr)")
        let fetched = try home.run(["logs", "fetch", "--since", "2025-07-01"])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdoutText.split(separator: "\n").count == 50)
        #expect(fetched.stdoutText.hasPrefix("{\"action\""))
        let ocsf = try home.run(["logs", "fetch", "--since", "2025-07-01", "--format", "ocsf"])
        #expect(ocsf.stdoutText.hasPrefix("{\"activity_id\""))
        #expect(try home.run(["config", "unset", "account"]).status == 0)
        let missing = try home.run(["logs", "fetch", "--since", "1h"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("cfaccess: hint: or set CFACCESS_ACCOUNT, or save a default: cfaccess config set account VALUE"))
    }

    /// By default the sandbox's records are the last 24 hours up to now, as the real log's are;
    /// a window with nothing in it says so and names the window.
    @Test func theSandboxIsRelativeToNowAndAnEmptyWindowIsNamed() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let live = try SandboxProcess(["--records", "480"], relativeToNow: true)
        let recent = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", "2h",
                                   "--base-url", live.baseURL, "--format", "raw"])
        #expect(recent.status == 0, "\(recent.stderr)")
        let count = recent.stdoutText.split(separator: "\n").count
        // About 20 records an hour: two hours hold some, never the whole day's.
        #expect(count > 10 && count < 200, "\(count)")
        let pinned = try SandboxProcess(["--records", "50"])
        let empty = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", "2026-01-01",
                                  "--until", "2026-01-02", "--base-url", pinned.baseURL, "--format", "raw"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr.contains("cfaccess: logs: nothing between 2026-01-01T00:00:00.000Z and 2026-01-02T00:00:00.000Z"))
    }

    /// A wait before a retry is said without --verbose; rejected records are shown as `map`
    /// shows them, the first 20 and then a count.
    @Test func retriesAreVisibleAndRejectionsAreCounted() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "100", "--unmappable-every", "2", "--fail-every", "2"])
        let outcome = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", "2025-07-01",
                                    "--base-url", sandbox.baseURL, "--format", "ocsf"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains(" from Cloudflare, attempt 2 of 6\n"))
        #expect(outcome.stderr.contains("cfaccess: logs: waiting "))
        // Each named by its place and its ray_id, so it can be found.
        #expect(outcome.stderr.components(separatedBy: "cfaccess: warning: record ").count - 1 == 20)
        #expect(outcome.stderr.contains(/cfaccess: warning: record 2 \(ray_id [0-9a-f]{16}\) not normalized: no user identity\n/), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cfaccess: hint: keep them with --rejects PATH"))
        #expect(outcome.stderr.contains("cfaccess: logs: 30 more records not normalized, not shown"))
        #expect(outcome.stderr.contains("cfaccess: error: 50 records could not be normalized"))
        // Nothing of a progress line reaches a file or a pipe.
        #expect(!outcome.stderr.contains("\r"))
    }

    /// Ctrl-C (SIGINT) stops a fetch cleanly: exit 130, and what was fetched is written whole.
    @Test func interruptWritesWhatWasFetched() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "3000", "--seed", "3"]
        let sandbox = try SandboxProcess(data + ["--slow-ms", "150"])
        let expected = Set(try SandboxProcess.dataset(data, in: home.work))
        let output = home.work.appendingPathComponent("partial.ndjson")
        let log = home.work.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = home.arguments + ["--verbose", "logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted",
                                              "--since", "2025-07-01T00:00:00Z", "--base-url", sandbox.baseURL, "--page-size", "100",
                                              "--format", "raw", "-o", output.path]
        process.environment = home.environment
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // Interrupted once a few pages have arrived.
        #expect(waitUntil { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").components(separatedBy: "→ 200").count > 3 })
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("cfaccess: error: interrupted; everything fetched so far was written"))
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty && lines.count < 3000)
        #expect(Set(lines).count == lines.count)
        #expect(Set(lines).isSubset(of: expected))
    }
}

/// Cloudflare's rate-limit headers as a real server frames them (CRLF after every header line).
@Suite struct RateLimitHeaderTests {
    /// The sandbox allows 2 requests per 3 s and answers the third with 429, `Retry-After` and
    /// `Ratelimit-Policy`: the wait it asks for is taken before the retry (more than the
    /// first backoff step of at most 0.5 s), and the policy slows the pace so the limit is hit
    /// no more than once or twice in the whole fetch.
    @Test func retryAfterAndPolicyAreReadFromARealResponse() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "2400", "--seed", "5"]
        let sandbox = try SandboxProcess(data + ["--rate-limit", "2", "--rate-window", "3"])
        let outcome = try home.run(["--verbose", "logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted",
                                    "--since", "2025-07-01T00:00:00Z", "--base-url", sandbox.baseURL, "--page-size", "400", "--format", "raw"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdoutText.split(separator: "\n").count == 2400)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let limited = lines.indices.filter { lines[$0].contains("→ 429") }
        #expect(!limited.isEmpty, "the sandbox never refused: \(outcome.stderr)")
        #expect(limited.count <= 2, "the pace did not slow: \(outcome.stderr)")
        guard let first = limited.first, first + 1 < lines.count, let wait = lines[first + 1].components(separatedBy: "retrying in ").last?.split(separator: " ").first.flatMap({ Int($0) }) else {
            Issue.record("no retry notice after the 429: \(outcome.stderr)")
            return
        }
        #expect(wait >= 1000, "Retry-After was not honoured: \(lines[first + 1])")
    }
}
