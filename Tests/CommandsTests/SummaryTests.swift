import Foundation
import Testing

/// `logs summary` over the API (real HTTP against the sandbox) and over files, raw or OCSF,
/// plain, gzip or piped: the same groups as the test's own count of the dataset.
@Suite struct SummaryTests {
    static let data = ["--records", "1200", "--seed", "31", "--max-page-size", "250"]

    struct Expected: Equatable, CustomStringConvertible {
        var count = 0, allowed = 0, denied = 0
        var first = "", last = ""
        var description: String { "\(count)/\(allowed)/\(denied) \(first)…\(last)" }
    }

    /// The dataset grouped by user and country; with `dropDeniedDE`, denied requests from DE left out.
    static func expected(_ lines: [String], dropDeniedDE: Bool = true) -> [String: Expected] {
        var groups: [String: Expected] = [:]
        for line in lines {
            let record = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let country = (record["country"] as? String ?? "-").uppercased()
            if dropDeniedDE && country == "DE" && record["allowed"] as? Bool == false { continue }
            let key = "\(record["user_email"] as? String ?? "-")|\(country)"
            var group = groups[key, default: Expected()]
            let time = FilterTests.milliseconds(record["created_at"] as! String)
            group.count += 1
            if record["allowed"] as? Bool == true { group.allowed += 1 } else { group.denied += 1 }
            if group.first.isEmpty || time < FilterTests.milliseconds(group.first) { group.first = record["created_at"] as! String }
            if group.last.isEmpty || time > FilterTests.milliseconds(group.last) { group.last = record["created_at"] as! String }
            groups[key] = group
        }
        return groups
    }

    /// `--json` output read back into the same shape.
    static func groups(_ outcome: CLI.Outcome) -> [String: Expected] {
        let rows = (try? JSONSerialization.jsonObject(with: outcome.stdout)) as? [[String: Any]] ?? []
        var groups: [String: Expected] = [:]
        for row in rows {
            groups["\(row["user"] as! String)|\(row["country"] as! String)"] = Expected(
                count: row["count"] as! Int, allowed: row["allowed"] as! Int, denied: row["denied"] as! Int,
                first: row["first_seen"] as! String, last: row["last_seen"] as! String)
        }
        return groups
    }

    static func normalized(_ groups: [String: Expected]) -> [String: Expected] {
        groups.mapValues { group in
            var group = group
            group.first = String(FilterTests.milliseconds(group.first))
            group.last = String(FilterTests.milliseconds(group.last))
            return group
        }
    }

    @Test func theAPIAndEveryKindOfFileGiveTheSameGroups() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(Self.data)
        let dataset = try SandboxProcess.dataset(Self.data, in: home.work)
        let expected = Self.normalized(Self.expected(dataset))
        // Everything but the denied requests from DE: everything, less a filtered run.
        let filters = ["--by", "user", "--by", "country", "--json"]
        let window = ["--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch, "--base-url", sandbox.baseURL]
        let everything = try home.run(["logs", "summary"] + window + filters)
        #expect(everything.status == 0, "\(everything.stderr)")
        let deniedInDE = try home.run(["logs", "summary"] + window + filters + ["--denied", "--country", "DE"])
        var fromAPI = Self.groups(everything)
        for (key, group) in Self.groups(deniedInDE) {
            fromAPI[key]?.count -= group.count
            fromAPI[key]?.denied -= group.denied
            if fromAPI[key]?.count == 0 { fromAPI[key] = nil }
        }
        #expect(fromAPI.count == expected.count)
        #expect(Self.normalized(fromAPI).mapValues { [$0.count, $0.allowed, $0.denied] } == expected.mapValues { [$0.count, $0.allowed, $0.denied] })

        // Files: the raw records and the OCSF events of the same window, plain, gzip and piped.
        let raw = home.work.appendingPathComponent("raw.ndjson")
        let events = home.work.appendingPathComponent("events.ndjson")
        #expect(try home.run(["logs", "fetch"] + window + ["--format", "raw", "-o", raw.path]).status == 0)
        #expect(try home.run(["logs", "fetch"] + window + ["--format", "ocsf", "-o", events.path]).status == 0)
        #expect(try CLI.shell("gzip -n -k events.ndjson", in: home.work) == 0)
        let wholeFromAPI = Self.normalized(Self.groups(everything))
        #expect(wholeFromAPI == Self.normalized(Self.expected(dataset, dropDeniedDE: false)), "counts, first and last seen")
        for input in [["--input", raw.path], ["--input", events.path + ".gz"], ["--jobs", "1", "--input", events.path]] {
            let counted = try home.run(["logs", "summary"] + input + filters)
            #expect(counted.status == 0, "\(counted.stderr)")
            #expect(Self.normalized(Self.groups(counted)) == wholeFromAPI, "\(input)")
        }
        let piped = try CLI.shell("'\(CLI.executable.path)' logs summary --input - --by user --by country --json < raw.ndjson > piped.json",
                                  in: home.work)
        #expect(piped == 0)
        let pipedGroups = Self.groups(CLI.Outcome(status: 0, stdout: try Data(contentsOf: home.work.appendingPathComponent("piped.json")), stderr: ""))
        #expect(Self.normalized(pipedGroups) == wholeFromAPI)
    }

    /// Requests without a user identity are counted, as "(no identity)", and the summary exits
    /// 0; a cell holding terminal escapes reaches the table written out, never raw.
    @Test func everyRequestIsCountedAndCellsAreEscaped() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let input = home.work.appendingPathComponent("mixed.ndjson")
        let lines = [
            #"{"user_email":"a@example.com","app_domain":"app.example.com","created_at":"2025-07-01T10:00:00Z","allowed":true,"ray_id":"1"}"#,
            #"{"app_domain":"app.example.com","created_at":"2025-07-01T10:01:00Z","allowed":false,"ray_id":"2"}"#,
            #"{"user_email":"\u001b]0;owned\u0007x@example.com","app_domain":"\u001b[31mred.example.com","created_at":"2025-07-01T10:02:00Z","allowed":false,"ray_id":"3"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let byApp = try home.run(["logs", "summary", "--input", input.path, "--by", "app", "--json"])
        #expect(byApp.status == 0, "\(byApp.stderr)")
        #expect(byApp.stdoutText.contains(#""count":2"#), "\(byApp.stdoutText)")
        let byUser = try home.run(["logs", "summary", "--input", input.path, "--by", "user", "--by", "app"])
        #expect(byUser.status == 0, "\(byUser.stderr)")
        #expect(byUser.stdoutText.contains("(no identity)"), "\(byUser.stdoutText)")
        #expect(!byUser.stdoutText.contains("\u{1B}") && !byUser.stdoutText.contains("\u{07}"), "raw escapes in \(byUser.stdoutText)")
        #expect(byUser.stdoutText.contains("\\u{1B}[31mred.example.com"), "\(byUser.stdoutText)")
        let table = try home.run(["map", input.path, "--output", "-"])
        #expect(table.status == 65, "map still rejects a request without identity: \(table.stderr)")
    }

    /// `--top-each` ranks a cross-table by its first key, then within it; a cut table says how
    /// many groups it shows of how many.
    @Test func nestedRankingAndTheShareShown() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("requests.ndjson")
        let requests = [("a", "DE"), ("a", "DE"), ("a", "FR"), ("b", "US"), ("b", "US"), ("c", "JP")]
        try requests.enumerated().map { index, request in
            #"{"user_email":"\#(request.0)@example.com","country":"\#(request.1)","ip_address":"192.0.2.\#(index + 1)","allowed":false,"created_at":"2025-07-01T00:00:0\#(index)Z","ray_id":"r\#(index)"}"#
        }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let nested = try CLI.run(["logs", "summary", "--input", file.path, "--by", "user", "--by", "country", "--top", "2", "--top-each", "1", "--json"])
        #expect(nested.status == 0, "\(nested.stderr)")
        let rows = try JSONSerialization.jsonObject(with: nested.stdout) as? [[String: Any]] ?? []
        #expect(rows.map { "\($0["user"] ?? "") \($0["country"] ?? "") \($0["count"] ?? "")" } == ["a@example.com DE 2", "b@example.com US 2"], "\(rows)")
        let table = try CLI.run(["logs", "summary", "--input", file.path, "--by", "user", "--by", "country", "--top", "2", "--top-each", "1"])
        #expect(table.stderr.contains("cfaccess: summary: showing 2 of 4 groups"), "\(table.stderr)")
        let alone = try CLI.run(["logs", "summary", "--input", file.path, "--by", "user", "--top-each", "1"])
        #expect(alone.status == 64 && alone.stderr.contains("--top-each ranks within the first --by key"), "\(alone.stderr)")
    }

    /// A value not among the choices: the hint lists them on one line, and names the nearest.
    @Test func aMistypedKeyNamesTheChoicesAndTheNearest() throws {
        let slip = try CLI.run(["logs", "summary", "--by", "usr", "--input", "/dev/null"])
        #expect(slip.status == 64)
        #expect(slip.stderr == "cfaccess: error: the value 'usr' is invalid for '--by <key>'\n"
            + "cfaccess: hint: give one of: user, app, country, ip, idp, action, allowed, hour; did you mean 'user'?\n", "\(slip.stderr)")
        let far = try CLI.run(["logs", "summary", "--by", "zzz", "--input", "/dev/null"])
        #expect(far.stderr.hasSuffix("cfaccess: hint: give one of: user, app, country, ip, idp, action, allowed, hour\n"), "\(far.stderr)")
    }

    @Test func theTableShowsTheLargestGroupsFirst() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(Self.data)
        let outcome = try home.run(["logs", "summary", "--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch,
                                    "--base-url", sandbox.baseURL, "--denied", "--by", "app", "--top", "2"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdoutText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("APP ") && lines[0].contains("REQUESTS  ALLOWED  DENIED  DENIED %  FIRST SEEN"))
        let counts = lines.dropFirst().map { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1])! }
        #expect(counts == counts.sorted(by: >))
        #expect(lines.dropFirst().allSatisfy { $0.contains(" 0 ") && $0.contains(" 100 ") }, "denied only: none allowed, 100 % denied")
        let byResult = try home.run(["logs", "summary", "--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch,
                                     "--base-url", sandbox.baseURL, "--by", "allowed", "--json"])
        let rows = try JSONSerialization.jsonObject(with: byResult.stdout) as! [[String: Any]]
        #expect(Set(rows.map { $0["result"] as! String }) == ["allowed", "denied"])
        #expect(rows.reduce(0) { $0 + ($1["count"] as! Int) } == 1200)
    }

    @Test func wrongUsesAreUsageErrors() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        for (arguments, message) in [([String](), "give --since (to fetch a window) or --input FILE..., not both"),
                                     (["--since", "1h", "--input", "x"], "not both"),
                                     (["--input", "x", "--until", "1h"], "--input counts files"),
                                     (["--input", "x", "--top", "0"], "--top must be at least 1"),
                                     (["--input", "x", "--by", "planet"], "planet")] {
            let outcome = try home.run(["logs", "summary"] + arguments)
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
        let missing = try home.run(["logs", "summary", "--input", home.work.appendingPathComponent("nothing.ndjson").path])
        #expect(missing.status == 66)
    }
}
