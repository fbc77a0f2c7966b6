import Foundation
import Testing

/// `feed run --all --follow` as a service: five feeds on two APIs in one process, killed and
/// restarted, one API down and back, a feed created while it runs — every record exactly once.
@Suite struct FeedServiceTests {
    static let account = SandboxProcess.account

    struct Feed {
        var name: String
        var token: String
        var format: String
        var extra: [String] = []
        var onB = false
    }

    /// Each feed's delivered records: raw lines as they are, OCSF events by their ray id.
    static func delivered(_ feed: Feed, in directory: URL) throws -> [String] {
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where file.hasPrefix(feed.name + ".") && !file.contains("rejects") && !file.contains(".tmp.") {
            let path = directory.appendingPathComponent(file).path
            let data: Data
            if file.hasSuffix(".gz") {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "gzip -dc '\(path)'"]
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
            } else {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            }
            lines += String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        guard feed.format == "ocsf" else { return lines }
        return lines.map { line in
            let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (event?["metadata"] as? [String: Any])?["original_event_uid"] as? String ?? "?"
        }
    }

    static func rayIDs(_ dataset: [String]) -> [String] {
        dataset.map { record in
            (try? JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])?["ray_id"] as? String ?? "?"
        }
    }

    static func complete(_ feed: Feed, _ expected: [String], _ directory: URL) -> Bool {
        ((try? delivered(feed, in: directory)) ?? []).count >= expected.count
    }

    @Test func runsEveryFeedExactlyOnceThroughKillsOutagesAndChanges() throws {
        var random = SeededRandom()
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let dataA = ["--records", "2500", "--seed", "31"], dataB = ["--records", "1500", "--seed", "32"]
        let faults = ["--max-page-size", "100", "--slow-ms", "8"]
        let sandboxA = try SandboxProcess(dataA + faults)
        var sandboxB = try SandboxProcess(dataB + faults)
        let expectedA = try SandboxProcess.dataset(dataA, in: home.work)
        let expectedB = try SandboxProcess.dataset(dataB, in: home.work)
        let out = home.work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let feeds = [
            Feed(name: "a1", token: "permitted", format: "ocsf"),
            Feed(name: "a2", token: "accountOwned", format: "raw"),
            Feed(name: "a3", token: "permitted", format: "raw", extra: ["--rotate-size", "64K", "--compress"]),
            Feed(name: "b1", token: "permitted", format: "ocsf", onB: true),
            Feed(name: "b2", token: "accountOwned", format: "raw", onB: true),
        ]
        func create(_ feed: Feed) throws {
            let created = try home.run(["feed", "create", feed.name, "--account", Self.account, "--token", feed.token,
                                        "--base-url", feed.onB ? sandboxB.baseURL : sandboxA.baseURL, "--start", "2025-07-01T00:00:00Z",
                                        "--format", feed.format, "--output", out.appendingPathComponent("\(feed.name).ndjson").path, "--no-check"] + feed.extra)
            #expect(created.status == 0, "\(created.stderr)")
        }
        for feed in feeds { try create(feed) }
        let metrics = home.work.appendingPathComponent("cfaccess.prom").path
        let service = ["feed", "run", "--all", "--follow", "--interval", "1s", "--jobs", "3", "--metrics-file", metrics]

        // Killed at random moments and started again.
        for _ in 0..<3 {
            let running = try home.start(service)
            usleep(useconds_t(300_000 + random.next() % 900_000))
            kill(running.processIdentifier, SIGKILL)
            running.waitUntilExit()
        }
        let running = try home.start(service)
        defer { kill(running.processIdentifier, SIGKILL); running.waitUntilExit() }

        // API B goes down: its feeds are reported failing while A's keep delivering.
        let portB = sandboxB.port
        sandboxB.stop()
        #expect(waitUntil(timeout: 90) { try! home.run(["feed", "status", "b1"]).status == 1
            && (try! home.run(["feed", "status", "b1", "--json"])).stdoutText.contains("\"health\":\"failing\"") }, "\(random.replay)")
        for feed in feeds where !feed.onB {
            #expect(waitUntil(timeout: 90) { Self.complete(feed, expectedA, out) }, "\(feed.name); \(random.replay)")
        }
        let statusWhileDown = try home.run(["feed", "status"])
        #expect(statusWhileDown.status == 1)
        #expect(statusWhileDown.stdoutText.contains("failing"))

        // Back on the same port: B's feeds catch up.
        sandboxB = try SandboxProcess(dataB + faults, port: portB)
        for feed in feeds where feed.onB {
            #expect(waitUntil(timeout: 120) { Self.complete(feed, expectedB, out) }, "\(feed.name); \(random.replay)")
        }

        // A feed created while the service runs is picked up.
        let late = Feed(name: "a4", token: "permitted", format: "raw")
        try create(late)
        #expect(waitUntil(timeout: 60) { Self.complete(late, expectedA, out) }, "\(random.replay)")

        // SIGTERM: every feed stops at a page boundary, promptly, with status 0.
        let stopped = Date()
        kill(running.processIdentifier, SIGTERM)
        running.waitUntilExit()
        #expect(running.terminationStatus == 0)
        #expect(Date().timeIntervalSince(stopped) < 30)

        for feed in feeds + [late] {
            let got = try Self.delivered(feed, in: out)
            let dataset = feed.onB ? expectedB : expectedA
            let expected = feed.format == "ocsf" ? Self.rayIDs(dataset) : dataset
            #expect(got.count == expected.count, "\(feed.name); \(random.replay)")
            #expect(got.sorted() == expected.sorted(), "\(feed.name); \(random.replay)")
        }
        let rotated = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("a3.") && $0.hasSuffix(".ndjson.gz") }
        #expect(rotated.count >= 5)
        #expect(try home.run(["feed", "status"]).status == 0)

        // The metrics file parses with the reference parser and names every feed.
        let python = CLI.projectRoot.appendingPathComponent(".venv/bin/python").path
        let check = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            names = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for sample in family.samples:
                    names.setdefault(sample.name, set()).add(sample.labels.get("feed"))
            need = ["cfaccess_feed_records_total", "cfaccess_feed_rejected_total", "cfaccess_feed_last_success_timestamp_seconds",
                    "cfaccess_feed_checkpoint_lag_seconds", "cfaccess_feed_up", "cfaccess_api_requests_total", "cfaccess_api_retries_total"]
            feeds = {"a1", "a2", "a3", "a4", "b1", "b2"}
            missing = [name for name in need if names.get(name, set()) != feeds]
            print("missing:", missing) if missing else print("ok")
            """
        try check.write(to: home.work.appendingPathComponent("check.py"), atomically: true, encoding: .utf8)
        #expect(try CLI.shell("'\(python)' check.py '\(metrics)' > check.out 2>&1", in: home.work) == 0)
        #expect(try String(contentsOf: home.work.appendingPathComponent("check.out"), encoding: .utf8) == "ok\n")
    }

    /// SIGHUP re-reads the feeds at once: with an hour between polls, a new feed is only picked up
    /// this quickly because of it.
    @Test func sighupPicksUpANewFeedAtOnce() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "200"]
        let sandbox = try SandboxProcess(data)
        let expected = try SandboxProcess.dataset(data, in: home.work)
        func create(_ name: String) throws {
            #expect(try home.run(["feed", "create", name, "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                  "--start", "2025-07-01T00:00:00Z", "--format", "raw", "--no-check",
                                  "--output", home.work.appendingPathComponent("\(name).ndjson").path]).status == 0)
        }
        try create("first")
        let service = try home.start(["feed", "run", "--all", "--follow", "--interval", "1h"])
        defer { kill(service.processIdentifier, SIGKILL); service.waitUntilExit() }
        #expect(waitUntil { Self.complete(Feed(name: "first", token: "", format: "raw"), expected, home.work) })
        try create("second")
        kill(service.processIdentifier, SIGHUP)
        #expect(waitUntil(timeout: 15) { Self.complete(Feed(name: "second", token: "", format: "raw"), expected, home.work) })
        kill(service.processIdentifier, SIGTERM)
        service.waitUntilExit()
        #expect(service.terminationStatus == 0)
    }
}
