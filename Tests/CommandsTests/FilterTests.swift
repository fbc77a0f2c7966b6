import Foundation
import Testing

/// Filters on `logs fetch` and feeds, over real HTTP: the documented parameters are sent, and
/// every record is judged on arrival, so the result is the same whether the API honours them
/// (the sandbox as it is) or ignores them (`--ignore-filters`).
@Suite struct FilterTests {
    struct FilterCase: CustomTestStringConvertible, Sendable {
        var name: String
        var options: [String]
        /// What the request must carry.
        var query: [String]
        /// The test's own reading of the filter, independent of cfaccess's.
        var keeps: @Sendable ([String: Any]) -> Bool
        var testDescription: String { name }
    }

    static func text(_ record: [String: Any], _ key: String) -> String { (record[key] as? String ?? "").lowercased() }

    static let cases: [FilterCase] = [
        .init(name: "denied from one country", options: ["--denied", "--country", "de"],
              query: ["allowed=false", "allowedOp=eq", "country_code=DE", "country_codeOp=eq"]) { record in
            record["allowed"] as? Bool == false && text(record, "country") == "de"
        },
        .init(name: "an e-mail part, any of two countries", options: ["--email", "USER4", "--country", "us", "--country", "FR"],
              query: ["email=USER4", "emailOp=contains"]) { record in
            text(record, "user_email").contains("user4") && ["us", "fr"].contains(text(record, "country"))
        },
        .init(name: "a whole address", options: ["--email", "user42@example.com", "--email-exact"],
              query: ["email=user42%40example.com", "emailOp=eq", "email_exact=true"]) { record in
            text(record, "user_email") == "user42@example.com"
        },
        .init(name: "not an address part, not a country", options: ["--not-email", "user1", "--not-country", "us", "--not-country", "de"],
              query: []) { record in
            !text(record, "user_email").contains("user1") && !["us", "de"].contains(text(record, "country"))
        },
        .init(name: "an application by domain, an identity provider", options: ["--app", "wiki.example.com", "--idp", "OKTA", "--allowed"],
              query: ["idp=OKTA", "idpOp=eq", "allowed=true", "allowedOp=eq"]) { record in
            text(record, "app_domain").hasPrefix("wiki.example.com") && text(record, "connection") == "okta" && record["allowed"] as? Bool == true
        },
    ]

    static let data = ["--records", "1500", "--seed", "23", "--max-page-size", "200"]

    @Test(arguments: cases, [false, true])
    func fetchKeepsExactlyWhatTheFilterKeeps(_ filterCase: FilterCase, apiIgnoresFilters: Bool) throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(Self.data + (apiIgnoresFilters ? ["--ignore-filters"] : []))
        let expected = try SandboxProcess.dataset(Self.data, in: home.work).filter { line in
            filterCase.keeps(try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])
        }
        let outcome = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch,
                                    "--base-url", sandbox.baseURL, "--format", "raw", "--verbose"] + filterCase.options)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let fetched = outcome.stdoutText.split(separator: "\n").map(String.init)
        #expect(!expected.isEmpty, "the case keeps something")
        #expect(fetched.count == expected.count, "\(outcome.stderr.suffix(300))")
        #expect(Set(fetched) == Set(expected))
        let requests = outcome.stderr.split(separator: "\n").filter { $0.contains("access_requests?") }
        #expect(!requests.isEmpty)
        for parameter in filterCase.query {
            #expect(requests.allSatisfy { $0.contains("&" + parameter) }, "\(parameter) in every request")
        }
        // What the API served beyond the filter is said to have been left out.
        #expect(outcome.stderr.contains(apiIgnoresFilters ? "; \(1500 - expected.count) left out by the filters" : " left out by the filters"))
    }

    @Test func badFiltersAreUsageErrors() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let base = ["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", "1h"]
        for (options, message) in [(["--allowed", "--denied"], "give --allowed or --denied, not both"),
                                   (["--country", "Germany"], "'Germany' is not a country code"),
                                   (["--email-exact"], "--email-exact goes with --email or --not-email"),
                                   (["--email", String(repeating: "a", count: 120_000)], "a filter value is at most 512 bytes (one has 120000)"),
                                   ((0..<101).flatMap { ["--ray-id", "r\($0)"] }, "give at most 100 filter values in all")] {
            let outcome = try home.run(base + options)
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
    }

    /// A filtered feed delivers the filtered stream exactly once, across runs, even from an API
    /// that ignores the parameters; its checkpoint moves past what the filter drops.
    @Test func aFilteredFeedDeliversTheFilteredStreamOnce() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(Self.data + ["--ignore-filters"])
        let dataset = try SandboxProcess.dataset(Self.data, in: home.work)
        let expected = dataset.filter { line in
            let record = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return record["allowed"] as? Bool == false && Self.text(record, "country") == "gb"
        }
        let output = home.work.appendingPathComponent("denied.ndjson")
        let created = try FeedTests.create(home, sandbox, output: output, extra: ["--denied", "--country", "GB", "--profile", "datetime", "--raw-data"])
        #expect(created.status == 0, "\(created.stderr)")
        for _ in 0..<2 { #expect(try home.run(["feed", "run", "prod"]).status == 0) }
        let events = try FeedTests.lines(output).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(events.count == expected.count)
        #expect(Set(events.compactMap { $0["raw_data"] as? String }) == Set(expected), "raw_data is each record's own text")
        #expect(events.allSatisfy { $0["status_id"] as? Int == 2 && $0["time_dt"] != nil })
        let show = try home.run(["feed", "show", "prod"])
        #expect(show.stdoutText.contains("filters:     denied, country GB"), "\(show.stdoutText)")
        #expect(show.stdoutText.contains("profile datetime, raw_data"))
        // The checkpoint is the newest record walked, delivered or not.
        let newest = try JSONSerialization.jsonObject(with: Data(dataset.last!.utf8)) as! [String: Any]
        let status = try home.run(["feed", "status", "prod", "--json"])
        #expect(status.stdoutText.contains(newest["created_at"] as! String), "\(status.stdoutText)")
        // Without the filter, the run's lookback (10 minutes behind the checkpoint) re-reads
        // records the filter had dropped: they are new to the unfiltered stream, and come once.
        #expect(try home.run(["feed", "update", "prod", "--no-filter"]).status == 0)
        for _ in 0..<2 { #expect(try home.run(["feed", "run", "prod"]).status == 0) }
        let horizon = (newest["created_at"] as! String)
        let lookback = dataset.filter { line in
            let record = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Self.milliseconds(record["created_at"] as! String) >= Self.milliseconds(horizon) - 600_000
        }
        let after = try FeedTests.lines(output).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let texts = after.compactMap { $0["raw_data"] as? String }
        #expect(texts.count == Set(texts).count, "nothing delivered twice")
        #expect(Set(texts) == Set(expected).union(lookback))
    }

    static func milliseconds(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return Int64(formatter.date(from: text)!.timeIntervalSince1970 * 1000)
    }

    @Test func fetchAddsProfilesAndRawData() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "40"])
        let outcome = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch,
                                    "--base-url", sandbox.baseURL, "--format", "ocsf", "--profile", "security_control", "--profile", "datetime", "--raw-data"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let events = outcome.stdoutText.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(events.count == 40)
        for event in events {
            let metadata = event["metadata"] as? [String: Any]
            #expect(metadata?["profiles"] as? [String] == ["datetime", "security_control"])
            #expect(event["time_dt"] != nil && event["action_id"] != nil && event["disposition_id"] != nil && event["raw_data"] != nil)
        }
        let raw = try home.run(["logs", "fetch", "--account", SandboxProcess.account, "--token", "permitted", "--since", SandboxProcess.epoch,
                                "--base-url", sandbox.baseURL, "--format", "raw", "--profile", "datetime"])
        #expect(raw.status == 64 && raw.stderr.contains("--profile and --raw-data shape OCSF events"))
    }
}
