import Foundation
import Testing

/// Feeds that deliver into a real object store (SeaweedFS), from the sandbox over real HTTP:
/// every record once in the bucket, in objects by UTC day, whatever stops the feed or the store.
@Suite(.enabled(if: ObjectStore.available, "SeaweedFS is not in the venv: run 'make deps'"))
struct ObjectFeedTests {
    /// 2,500 raw records from 23:40 to about 00:20 UTC: two days of partitions.
    static let data = ["--records", "2500", "--seed", "5", "--epoch", "2025-06-30T23:40:00Z"]

    static func setUp(_ home: SandboxHome, _ store: ObjectStore, _ sandbox: SandboxProcess, extra: [String] = []) throws {
        let added = try StorageTests.add(home, "lake", store: store)
        #expect(added.status == 0, "\(added.stderr)")
        let created = try home.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                    "--start", "2025-06-30T23:00:00Z", "--format", "raw", "--output", "s3://\(ObjectStore.bucket)/cloudflare/",
                                    "--storage", "lake", "--rotate-size", "64K"] + extra)
        #expect(created.status == 0, "\(created.stderr)")
    }

    /// The records in the bucket, each object's checked against its `dt=` partition.
    static func delivered(_ store: ObjectStore, in directory: URL) throws -> [String] {
        var records: [String] = []
        for key in try store.keys(prefix: "cloudflare/prod/dt=") {
            #expect(key.contains(/^cloudflare\/prod\/dt=\d{4}-\d{2}-\d{2}\/prod\.\d{8}T\d{6}Z-\d{8}T\d{6}Z(-\d+)?\.ndjson\.gz$/), "\(key)")
            let day = key.split(separator: "=")[1].prefix(10)
            for line in try store.lines(of: key, in: directory) {
                #expect(line.contains("\"created_at\":\"\(day)T"), "\(key) holds a record of another day")
                records.append(line)
            }
        }
        return records
    }

    static func spool(_ home: SandboxHome) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: home.home + "/spool/prod").filter { !$0.hasPrefix("prod.ndjson") }
    }

    @Test func everyRecordOnceInTheBucketByDay() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        try Self.setUp(home, store, sandbox)
        let expected = try SandboxProcess.dataset(Self.data, in: home.work)
        for _ in 0..<2 {
            let run = try home.run(["feed", "run", "prod"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let records = try Self.delivered(store, in: home.work)
        #expect(records.count == expected.count)
        #expect(Set(records) == Set(expected))
        #expect(Set(try store.keys(prefix: "cloudflare/prod/dt=").map { $0.split(separator: "/")[2] }) == ["dt=2025-06-30", "dt=2025-07-01"])
        #expect(try Self.spool(home).isEmpty, "nothing left in the spool")
        let verify = try home.run(["feed", "verify", "prod"])
        #expect(verify.status == 0, "\(verify.stdoutText)\(verify.stderr)")
        #expect(try home.run(["feed", "status", "prod"]).stdoutText.contains(" ok "))
        // The store a feed delivers to is not removed without --force.
        let remove = try home.run(["storage", "remove", "lake"])
        #expect(remove.status == 65 && remove.stderr.contains("used by feed 'prod'"), "\(remove.stderr)")
    }

    /// Killed at seeded moments, the store stopped in the middle: the runs that cannot upload
    /// exit 69 and keep their objects; the bucket ends with every record once.
    @Test func killsAndOutagesLoseAndRepeatNothing() throws {
        var random = SeededRandom()
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data + ["--slow-ms", "80", "--max-page-size", "100"])
        try Self.setUp(home, store, sandbox)
        let expected = try SandboxProcess.dataset(Self.data, in: home.work)
        func killedRun(within seconds: ClosedRange<Double>) throws {
            let run = try home.start(["feed", "run", "prod"])
            Thread.sleep(forTimeInterval: Double.random(in: seconds, using: &random))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
        }
        for _ in 0..<3 { try killedRun(within: 0.1...0.8) }
        store.stop()
        let down = try home.run(["feed", "run", "prod"])
        #expect(down.status == 69, "\(down.stderr) \(random.replay)")
        let status = try home.run(["feed", "status", "prod"])
        #expect(status.status == 1 && status.stdoutText.contains("failing") && status.stdoutText.contains("cannot upload"), "\(status.stdoutText)")
        #expect(!(try Self.spool(home)).isEmpty, "the sealed objects wait in the spool")
        try store.start()
        for _ in 0..<2 { try killedRun(within: 0.05...0.5) }
        let back = try home.run(["feed", "run", "prod"])
        #expect(back.status == 0, "\(back.stderr) \(random.replay)")
        let records = try Self.delivered(store, in: home.work)
        #expect(records.count == expected.count, "\(random.replay)")
        #expect(Set(records) == Set(expected), "\(random.replay)")
        #expect(try Self.spool(home).isEmpty)
        #expect(try home.run(["feed", "verify", "prod"]).status == 0)
    }

    /// Through a pass-through that answers 503 SlowDown (with Retry-After) every third request,
    /// cuts every fourth upload in the middle and is slow: every record once, `feed verify` 0.
    @Test func slowDownsAndCutUploadsAreRetriedWithTheSameBytes() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let proxy = try FaultProxy(before: store, arguments: ["--fail-every", "3", "--cut-every", "4", "--slow-ms", "20"])
        let sandbox = try SandboxProcess(Self.data)
        let added = try home.run(["storage", "add", "lake", "--endpoint", proxy.endpoint, "--access-key-id", ObjectStore.accessKeyID, "--from-file", "-"],
                                 stdin: Data((ObjectStore.secretKey + "\n").utf8))
        #expect(added.status == 0)
        let created = try home.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                    "--start", "2025-06-30T23:00:00Z", "--format", "raw", "--output", "s3://\(ObjectStore.bucket)/cloudflare/",
                                    "--storage", "lake", "--rotate-size", "64K", "--no-check"])
        #expect(created.status == 0, "\(created.stderr)")
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("after 503 from the store"), "the waits are said")
        let expected = try SandboxProcess.dataset(Self.data, in: home.work)
        let records = try Self.delivered(store, in: home.work)
        #expect(records.count == expected.count)
        #expect(Set(records) == Set(expected))
        #expect(try home.run(["feed", "verify", "prod"]).status == 0)
    }

    /// Under `feed run --follow`, objects close by size as the feed goes; what is still open
    /// when the service stops stays in the spool and goes up with the next run.
    @Test func theServiceClosesObjectsBySizeAndLosesNothingWhenStopped() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        // Pages of 100 records (about 26 KiB): an object closes every third page or so.
        let sandbox = try SandboxProcess(Self.data + ["--max-page-size", "100"])
        try Self.setUp(home, store, sandbox)
        let service = try home.start(["feed", "run", "--all", "--follow", "--interval", "1s"])
        let expected = try SandboxProcess.dataset(Self.data, in: home.work)
        // Until the service has collected every record: the objects it closed went up (delivered),
        // and the last, short of the size, stays open (spooled).
        func collected() -> (delivered: Int, spooled: Int)? {
            guard let status = try? home.run(["feed", "status", "prod", "--json"]).stdout,
                  let summary = (try? JSONSerialization.jsonObject(with: status) as? [[String: Any]])?.first,
                  let delivered = summary["delivered"] as? Int, let spooled = summary["spooled"] as? Int else { return nil }
            return (delivered, spooled)
        }
        #expect(waitUntil(timeout: 60) { collected().map { $0.delivered + $0.spooled == expected.count } ?? false })
        let counts = try #require(collected())
        #expect(counts.delivered > 0 && counts.spooled > 0, "\(counts)")
        #expect(try store.keys(prefix: "cloudflare/prod/dt=").count >= 3, "objects closed by size while following")
        service.terminate()
        service.waitUntilExit()
        #expect(service.terminationStatus == 0)
        let active = try String(contentsOfFile: home.home + "/spool/prod/prod.ndjson", encoding: .utf8)
        #expect(!active.isEmpty, "the last object stays open under the service")
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let records = try Self.delivered(store, in: home.work)
        #expect(records.count == expected.count)
        #expect(Set(records) == Set(expected))
    }

    @Test func verifyNamesAnObjectChangedBehindTheFeedsBack() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        try Self.setUp(home, store, sandbox)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let keys = try store.keys(prefix: "cloudflare/prod/dt=")
        let victim = try #require(keys.first)
        let other = home.work.appendingPathComponent("other.gz")
        try Data("not the feed's bytes\n".utf8).write(to: other)
        _ = try store.curl(["-X", "PUT", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--data-binary", "@\(other.path)",
                            "\(store.endpoint)/\(ObjectStore.bucket)/\(victim.replacingOccurrences(of: "=", with: "%3D"))"])
        let verify = try home.run(["feed", "verify", "prod"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("'\(victim)' is altered"), "\(verify.stderr)")
        #expect(verify.stderr.contains("\(keys.count - 1) there and unchanged, 1 missing or altered"))
    }
}

/// What an object-storage feed refuses and reports.
@Suite(.enabled(if: ObjectStore.available, "SeaweedFS is not in the venv: run 'make deps'"))
struct ObjectFeedGuardTests {
    /// Another object already at a key the feed seals: the run stops (78) naming it, and the
    /// object is left as it was. The keys come from a rehearsal of the same feed elsewhere.
    @Test func anotherObjectAtASealedKeyIsNeverOverwritten() throws {
        let data = ObjectFeedTests.data
        let rehearsal = try SandboxHome(), home = try SandboxHome()
        defer { for each in [rehearsal, home] { try? FileManager.default.removeItem(at: each.work) } }
        let firstStore = try ObjectStore(), store = try ObjectStore()
        let sandbox = try SandboxProcess(data)
        try ObjectFeedTests.setUp(rehearsal, firstStore, sandbox)
        #expect(try rehearsal.run(["feed", "run", "prod"]).status == 0)
        let planted = try #require(try firstStore.keys(prefix: "cloudflare/prod/dt=").first)
        let foreign = home.work.appendingPathComponent("foreign")
        try Data("someone else's object\n".utf8).write(to: foreign)
        _ = try store.curl(["-X", "PUT", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--data-binary", "@\(foreign.path)",
                            "\(store.endpoint)/\(ObjectStore.bucket)/\(planted.replacingOccurrences(of: "=", with: "%3D"))"])
        try ObjectFeedTests.setUp(home, store, sandbox)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("the bucket already holds '\(planted)' with other bytes"), "\(run.stderr)")
        let held = try store.curl(["-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "\(store.endpoint)/\(ObjectStore.bucket)/\(planted.replacingOccurrences(of: "=", with: "%3D"))"])
        #expect(held == Data("someone else's object\n".utf8), "left as it was")
    }

    /// A full spool stops the fetching, not the feed: it falls behind, drops nothing, and the
    /// metrics and the status say what waits.
    @Test func aFullSpoolStopsFetchingAndCatchesUpLater() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(ObjectFeedTests.data)
        try ObjectFeedTests.setUp(home, store, sandbox, extra: ["--spool-max", "100K"])
        let expected = try SandboxProcess.dataset(ObjectFeedTests.data, in: home.work)
        store.stop()
        let metrics = home.work.appendingPathComponent("cfaccess.prom")
        #expect(try home.run(["feed", "run", "prod", "--metrics-file", metrics.path]).status == 69)
        let checkpoint = try home.run(["feed", "status", "prod", "--json"]).stdoutText
        let exposition = try String(contentsOf: metrics, encoding: .utf8)
        let pending = exposition.split(separator: "\n").first { $0.hasPrefix("cfaccess_feed_upload_pending_objects{feed=\"prod\"}") }
        #expect((pending.flatMap { Int($0.split(separator: " ").last!) } ?? 0) > 0, "\(exposition)")
        #expect(exposition.contains("cfaccess_feed_uploaded_objects_total{feed=\"prod\"} 0"))
        // Nothing reached the bucket: delivered says 0, and what waits is counted beside it.
        #expect(exposition.contains("cfaccess_feed_records_total{feed=\"prod\"} 0\n"), "\(exposition)")
        let spooledLine = exposition.split(separator: "\n").first { $0.hasPrefix("cfaccess_feed_spooled_records{feed=\"prod\"}") }
        let spooled = spooledLine.flatMap { Int($0.split(separator: " ").last!) } ?? 0
        #expect(spooled > 0, "\(exposition)")
        let waiting = (try JSONSerialization.jsonObject(with: Data(checkpoint.utf8)) as? [[String: Any]])?.first
        #expect(waiting?["delivered"] as? Int == 0 && waiting?["spooled"] as? Int == spooled, "\(waiting ?? [:])")
        let table = try home.run(["feed", "status", "prod"]).stdoutText
        #expect(table.contains(" 0 (+\(spooled) spooled) "), "\(table)")
        // The spool filled before the end: the feed fell behind rather than drop anything, and
        // the next run fetches nothing more while the store is away.
        let behind = try #require(Self.cursor(checkpoint))
        let last = try JSONSerialization.jsonObject(with: Data(expected.last!.utf8)) as! [String: Any]
        #expect(behind < last["created_at"] as! String, "the checkpoint stopped short: \(behind)")
        #expect(try home.run(["feed", "run", "prod"]).status == 69)
        #expect(Self.cursor(try home.run(["feed", "status", "prod", "--json"]).stdoutText) == behind)
        try store.start()
        for _ in 0..<3 { #expect(try home.run(["feed", "run", "prod"]).status == 0) }
        let records = try ObjectFeedTests.delivered(store, in: home.work)
        #expect(records.count == expected.count)
        #expect(Set(records) == Set(expected))
        let caughtUp = try home.run(["feed", "status", "prod", "--json"]).stdout
        let summary = (try JSONSerialization.jsonObject(with: caughtUp) as? [[String: Any]])?.first
        #expect(summary?["delivered"] as? Int == expected.count && summary?["spooled"] as? Int == 0, "\(summary ?? [:])")
    }

    /// A full disk in the middle of a page stops the fetching, and what the spool holds still goes
    /// out: the sealed objects and the checkpointed part of the active file are in the bucket
    /// when the run exits 74, the status says failing and why, and the next run finishes the job.
    @Test func aFullDiskSealsAndUploadsWhatItHas() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(ObjectFeedTests.data + ["--max-page-size", "200"])
        try ObjectFeedTests.setUp(home, store, sandbox, extra: ["--rotate-size", "1M"])
        let expected = try SandboxProcess.dataset(ObjectFeedTests.data, in: home.work)
        // A call on the spool's active files a few pages in finds the disk full.
        let full = CrashPointTests.faults(root: URL(fileURLWithPath: home.home), at: 15, mode: .enospc, match: "spool/prod/prod.ndjson")
        let run = try CLI.run(home.arguments + ["feed", "run", "prod"], environment: home.environment.merging(full) { _, new in new })
        #expect(run.status == 74, "\(run.stderr)")
        #expect(run.stderr.contains("no space left on device"), "\(run.stderr)")
        let status = try home.run(["feed", "status", "prod", "--json"])
        let summary = (try JSONSerialization.jsonObject(with: status.stdout) as? [[String: Any]])?.first
        #expect(summary?["health"] as? String == "failing", "\(summary ?? [:])")
        let inBucket = try ObjectFeedTests.delivered(store, in: home.work)
        #expect(!inBucket.isEmpty && inBucket.count < expected.count, "\(inBucket.count): \(run.stderr) \(status.stdoutText)")
        #expect(summary?["delivered"] as? Int == inBucket.count && summary?["spooled"] as? Int == 0, "\(summary ?? [:])")
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let records = try ObjectFeedTests.delivered(store, in: home.work)
        #expect(records.count == expected.count)
        #expect(Set(records) == Set(expected))
    }

    static func cursor(_ json: String) -> String? {
        guard let range = json.range(of: #""cursor":""#) else { return nil }
        return String(json[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func settingsThatCannotWorkAreRefused() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let base = ["feed", "create", "x", "--account", SandboxProcess.account, "--token", "permitted", "--no-check"]
        for (options, message) in [(["--output", "s3://lake/p/"], "an s3:// output needs an object store"),
                                   (["--storage", "lake"], "--storage goes with an s3:// output"),
                                   (["--output", "s3://lake/p/", "--storage", "lake", "--rotate-size", "6G"], "at most 5G"),
                                   (["--output", "s3://Bad_Bucket/"], "is not an s3:// output"),
                                   (["--output", "s3://lake/", "--storage", "lake", "--rejects", "/tmp/r"], "--rejects does not apply")] {
            let outcome = try home.run(base + options)
            #expect(outcome.status == 64 && outcome.stderr.contains(message), "\(options): \(outcome.stderr)")
        }
    }
}
