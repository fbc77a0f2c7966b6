import Foundation
import Testing

/// Feeds against the sandbox: every record delivered exactly once across runs, output past the
/// checkpoint cut and fetched again, one run at a time.
@Suite struct FeedTests {
    static func create(_ home: SandboxHome, _ sandbox: SandboxProcess, output: URL, extra: [String] = []) throws -> CLI.Outcome {
        try home.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                      "--start", "2025-07-01T00:00:00Z", "--output", output.path] + extra)
    }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func deliversEveryRecordOnceAcrossRuns() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "2000", "--seed", "11"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "300", "--fail-every", "4", "--late-arrivals", "40"])
        let expected = try SandboxProcess.dataset(data, in: home.work)
        let output = home.work.appendingPathComponent("prod.ndjson")
        let created = try Self.create(home, sandbox, output: output, extra: ["--format", "raw"])
        #expect(created.status == 0, "\(created.stderr)")
        for _ in 0..<3 {
            let run = try home.run(["feed", "run", "prod"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let delivered = try Self.lines(output)
        #expect(delivered.count == expected.count)
        #expect(Set(delivered) == Set(expected))
        let shown = try home.run(["feed", "show", "prod", "--json"])
        let summary = try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any]
        #expect(summary?["delivered"] as? Int == expected.count)
        #expect(summary?["health"] as? String == "ok")
        #expect((summary?["last_run"] as? [String: Any])?["records"] as? Int == 0)
        let state = try String(contentsOfFile: home.environment["CFACCESS_HOME"]! + "/state/prod.json", encoding: .utf8)
        #expect(!state.contains("cfut_"))
    }

    @Test func cutsOutputPastTheCheckpointAndFetchesItAgain() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "500"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let complete = try Data(contentsOf: output)
        // A run that died after writing but before checkpointing leaves extra bytes behind.
        let handle = try FileHandle(forWritingTo: output)
        handle.seekToEndOfFile()
        handle.write(Data("{\"half-written\":".utf8))
        try handle.close()
        let again = try home.run(["feed", "run", "prod"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("past the checkpoint; cut and fetched again"))
        #expect(try Data(contentsOf: output) == complete)
    }

    @Test func oneRunAtATimeAndClearErrors() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "3000", "--slow-ms", "1500"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check"]).status == 0)
        let first = try home.start(["feed", "run", "prod"])
        #expect(waitUntil { isLocked(home.home + "/state/prod.lock") })
        let second = try home.run(["feed", "run", "prod"])
        first.waitUntilExit()
        #expect(second.status == 75)
        #expect(second.stderr.hasPrefix("cfaccess: error: feed 'prod' is already running"))
        #expect(first.terminationStatus == 0)

        let unknownType = try Self.create(home, sandbox, output: output, extra: ["--events", "gateway_logs"])
        #expect(unknownType.status == 64)
        #expect(unknownType.stderr.contains("unknown event type 'gateway_logs' (supported: access_requests)"))
        let missing = try home.run(["feed", "run", "nope"])
        #expect(missing.status == 78)
        let refused = try home.run(["feed", "create", "other", "--account", SandboxProcess.account, "--token", "noPermission",
                                    "--base-url", sandbox.baseURL, "--output", output.path + ".2"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("the feed was not saved"))
        #expect(try home.run(["feed", "show", "other"]).status == 78)
    }

    /// `--follow` polls until SIGTERM (or Ctrl-C), then stops at a page boundary with everything
    /// delivered checkpointed; `logs fetch --feed` reads with the feed's settings and leaves its
    /// checkpoint alone.
    @Test func followsUntilStoppedAndFetchUsesTheFeed() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "800"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "100", "--slow-ms", "50"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check", "--format", "raw"]).status == 0)
        let follower = try home.start(["feed", "run", "prod", "--follow", "--interval", "1s"])
        // Everything delivered, then a poll or two more before the stop.
        #expect(waitUntil { (try? Self.lines(output))?.count == 800 })
        #expect(waitUntil { (try? home.run(["feed", "show", "prod", "--json"]).stdoutText.contains("\"records\":0")) ?? false })
        kill(follower.processIdentifier, SIGTERM)
        follower.waitUntilExit()
        #expect(follower.terminationStatus == 0)
        let delivered = try Self.lines(output)
        #expect(Set(delivered) == Set(try SandboxProcess.dataset(data, in: home.work)))
        #expect(delivered.count == 800)

        let statePath = home.environment["CFACCESS_HOME"]! + "/state/prod.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: statePath))
        let fetched = try home.run(["logs", "fetch", "--feed", "prod", "--since", "2025-07-01T00:00:00Z", "--format", "raw", "--max-records", "50"])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdoutText.split(separator: "\n").count == 50)
        #expect(try Data(contentsOf: URL(fileURLWithPath: statePath)) == before)
        let both = try home.run(["logs", "fetch", "--feed", "prod", "--token", "permitted", "--since", "1h"])
        #expect(both.status == 64)
    }

    /// Runs killed with SIGKILL at random moments, then resumed, still deliver every record once.
    @Test func killedRunsResumeExactlyOnce() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "1500", "--seed", "5"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "60", "--slow-ms", "20", "--late-arrivals", "30"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check", "--format", "raw"]).status == 0)
        var random = SeededRandom()
        for _ in 0..<10 {
            let run = try home.start(["feed", "run", "prod"])
            usleep(useconds_t(100_000 + random.next() % 500_000))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
        }
        for _ in 0..<2 { #expect(try home.run(["feed", "run", "prod"]).status == 0) }
        let delivered = try Self.lines(output)
        let expected = try SandboxProcess.dataset(data, in: home.work)
        #expect(delivered.count == expected.count, "\(random.replay)")
        #expect(Set(delivered) == Set(expected), "\(random.replay)")
    }

    @Test func damagedStateIsReportedAndKept() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "100"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let statePath = home.environment["CFACCESS_HOME"]! + "/state/prod.json"
        try Data("{\"cursor\": tru".utf8).write(to: URL(fileURLWithPath: statePath))
        #expect(chmod(statePath, 0o600) == 0)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 78)
        #expect(run.stderr.hasPrefix("cfaccess: error: feed 'prod': '\(statePath)' is damaged and was left as it is: it is not the JSON cfaccess wrote"))
        #expect(try String(contentsOfFile: statePath, encoding: .utf8) == "{\"cursor\": tru")
    }

    /// `--log-format json`: every diagnostic is one JSON object per line with `time`, `level`,
    /// `event` (and `feed` where there is one), never a secret; failures included.
    @Test func logsAsJSONLines() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "300", "--max-page-size", "100"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check"]).status == 0)
        let run = try home.run(["--log-format", "json", "--verbose", "feed", "run", "prod"])
        #expect(run.status == 0, "\(run.stderr)")
        let foreign = home.work.appendingPathComponent("foreign.ndjson")
        try "not ours\n".write(to: foreign, atomically: true, encoding: .utf8)
        #expect(try home.run(["feed", "update", "prod", "--output", foreign.path]).status == 0)
        let failed = try home.run(["--log-format", "json", "feed", "run", "prod"])
        #expect(failed.status == 78)
        var events: [String] = []
        var counts: [String: Int] = [:]
        for line in (run.stderr + failed.stderr).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["time"] is String && object?["level"] is String && object?["message"] is String, "\(line)")
            events.append((object?["level"] as? String ?? "") + " " + (object?["event"] as? String ?? "") + " " + (object?["feed"] as? String ?? "-"))
            for token in SandboxProcess.tokens.values { #expect(!line.contains(token)) }
            // Counts are numbers, never strings.
            for key in ["records", "total"] where object?[key] != nil {
                #expect(object?[key] is Int, "\(key) in \(line)")
                counts[key] = object?[key] as? Int
            }
        }
        #expect(counts["records"] == 300 && counts["total"] == 300, "\(counts)")
        #expect(events.contains("info http prod"))
        #expect(events.contains("info run prod"))
        #expect(events.contains("error failed prod"))
    }

    /// A run's line says how many records it could not normalize, and where they are kept.
    @Test func aRunSaysWhatItRejected() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "100", "--unmappable-every", "10"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check"]).status == 0)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("'prod': 100 records in this run (10 not normalized, kept in '\(output.path).rejects'), 100 in total"), "\(run.stderr)")
    }

    /// `feed update` changes a saved feed and keeps its checkpoint: nothing is delivered twice.
    @Test func updateKeepsTheCheckpoint() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "300"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--no-check", "--format", "raw"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let updated = try home.run(["feed", "update", "prod", "--lookback", "5m", "--interval", "2m", "--rotate-size", "1M", "--compress",
                                    "--contact-email", "soc@example.com"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stderr.contains("updated 'prod'; its checkpoint is kept"))
        let shown = try home.run(["feed", "show", "prod"]).stdoutText
        #expect(shown.contains("lookback:    5m") && shown.contains("interval:    2m") && shown.contains("rotation:    past 1 MiB, gzipped"))
        let again = try home.run(["feed", "run", "prod"])
        #expect(again.stderr.contains("'prod': 0 records in this run, 300 in total"), "\(again.stderr)")
        #expect(try Self.lines(output).count == 300)
        #expect(try home.run(["feed", "update", "prod", "--interval", "1s", "--lookback", "8d"]).status == 64)
        #expect(try home.run(["feed", "show", "prod"]).stdoutText.contains("interval:    2m"))
    }

    /// `feed verify` for a feed of local files: every file it rotated, as it was.
    @Test func verifyChecksTheFilesAFeedRotated() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "2000", "--seed", "12", "--max-page-size", "200"])
        let output = home.work.appendingPathComponent("prod.ndjson")
        #expect(try Self.create(home, sandbox, output: output, extra: ["--format", "raw", "--rotate-size", "100K", "--compress"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let rotated = try FileManager.default.contentsOfDirectory(atPath: home.work.path).filter { $0.hasSuffix(".ndjson.gz") }.sorted()
        #expect(rotated.count >= 3)
        let verify = try home.run(["feed", "verify", "prod"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("\(rotated.count) rotated files delivered, \(rotated.count) there and unchanged"), "\(verify.stderr)")
        let listed = verify.stdoutText.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
        #expect(Set(listed.map { URL(fileURLWithPath: $0).lastPathComponent }) == Set(rotated))
        // The records the files hold are the records delivered before the active file.
        let records = verify.stdoutText.split(separator: "\n").dropFirst().map { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1])! }
        let active = try Self.lines(output).count
        #expect(records.reduce(0, +) + active == 2000)
        let altered = home.work.appendingPathComponent(rotated[0]), removed = home.work.appendingPathComponent(rotated[1])
        let handle = try FileHandle(forWritingTo: altered)
        handle.seekToEndOfFile()
        handle.write(Data("x".utf8))
        try handle.close()
        try FileManager.default.removeItem(at: removed)
        let broken = try home.run(["feed", "verify", "prod"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("'\(altered.path)' is altered") && broken.stderr.contains("'\(removed.path)' is missing"), "\(broken.stderr)")
    }
}
