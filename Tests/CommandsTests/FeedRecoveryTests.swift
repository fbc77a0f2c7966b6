import Foundation
import Testing

/// What keeps a feed exactly-once when things go wrong around it: a reset, files at its paths
/// that are not its own, kills between output and checkpoint (rejects included), records without
/// a `ray_id`, a delete during a run, and a full disk.
@Suite struct FeedRecoveryTests {
    static let account = SandboxProcess.account

    static func create(_ home: SandboxHome, _ sandbox: SandboxProcess, output: String, extra: [String] = [], in directory: URL? = nil) throws -> CLI.Outcome {
        try home.run(["feed", "create", "prod", "--account", account, "--token", "permitted", "--base-url", sandbox.baseURL,
                      "--start", "2025-07-01T00:00:00Z", "--output", output, "--no-check"] + extra, in: directory)
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static func createdAt(_ record: String) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any]
        return object?["created_at"] as? String ?? ""
    }

    /// After `feed reset --since T` the next run delivers exactly the records at or after T:
    /// none from the lookback before it.
    @Test func resetDeliversExactlyTheRecordsFromThatTimeOn() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "600", "--seed", "3"]
        let sandbox = try SandboxProcess(data)
        let dataset = try SandboxProcess.dataset(data, in: home.work)
        let output = home.work.appendingPathComponent("prod.ndjson").path
        #expect(try Self.create(home, sandbox, output: output, extra: ["--format", "raw", "--lookback", "10m"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        #expect(Self.lines(output).count == 600)
        // The dataset spans about ten minutes: a 10-minute lookback before T reaches far back.
        let reset = Self.createdAt(dataset[300])
        let moved = try home.run(["feed", "reset", "prod", "--since", reset])
        #expect(moved.status == 0, "\(moved.stderr)")
        let again = try home.run(["feed", "run", "prod"])
        #expect(again.status == 0, "\(again.stderr)")
        let delivered = Array(Self.lines(output).dropFirst(600))
        let expected = dataset.filter { Self.createdAt($0) >= reset }
        #expect(delivered.count == expected.count)
        #expect(delivered.sorted() == expected.sorted())
    }

    /// A file at the output path that the feed did not write is never truncated or appended to.
    @Test func refusesAFileThatIsNotItsOwn() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "200"])
        let output = home.work.appendingPathComponent("prod.ndjson").path
        let foreign = "someone else's data\n"
        try foreign.write(toFile: output, atomically: true, encoding: .utf8)
        #expect(try Self.create(home, sandbox, output: output, extra: ["--format", "raw"]).status == 0)
        let refused = try home.run(["feed", "run", "prod"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("'\(output)' already holds 20 bytes that this feed did not write; it was left untouched"))
        #expect(refused.stderr.contains("hint: move it aside"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == foreign)

        // Moved aside: the feed starts its own file and delivers everything.
        try FileManager.default.moveItem(atPath: output, toPath: output + ".theirs")
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        #expect(Self.lines(output).count == 200)

        // Replaced by another non-empty file (another tool wrote there): refused and left as it is.
        let replacement = home.work.appendingPathComponent("replacement").path
        try "replacement\n".write(toFile: replacement, atomically: true, encoding: .utf8)
        #expect(rename(replacement, output) == 0)
        let replaced = try home.run(["feed", "run", "prod"])
        #expect(replaced.status == 78)
        #expect(replaced.stderr.contains("is not the file this feed writes"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "replacement\n")

        // Its own file cut shorter than the checkpoint is not appended to either.
        try FileManager.default.removeItem(atPath: output)
        #expect(try home.run(["feed", "reset", "prod", "--since", "2025-07-01T00:00:00Z"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try handle.truncate(atOffset: 100)
        try handle.close()
        let shorter = try home.run(["feed", "run", "prod"])
        #expect(shorter.status == 78)
        #expect(shorter.stderr.contains("is shorter (100 bytes) than the"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).count == 100)
    }

    /// An output that vanished while the checkpoint says it holds records (a directory entry
    /// lost to a power cut looks just like this) stops the feed: it is never silently restarted.
    @Test func aVanishedOutputStopsTheFeedUntilReset() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "200"])
        let output = home.work.appendingPathComponent("prod.ndjson").path
        #expect(try Self.create(home, sandbox, output: output, extra: ["--format", "raw"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output)).count
        try FileManager.default.removeItem(atPath: output)
        let stopped = try home.run(["feed", "run", "prod"])
        #expect(stopped.status == 78, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("'\(output)' is gone, but the checkpoint says this feed delivered \(bytes) bytes to it"))
        #expect(stopped.stderr.contains("feed reset"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let status = try home.run(["feed", "status", "prod"])
        #expect(status.status == 1)
        #expect(status.stdoutText.contains("failing"), "\(status.stdoutText)")
        #expect(try home.run(["feed", "reset", "prod", "--since", "2025-07-01T00:00:00Z"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        #expect(Self.lines(output).count == 200)
    }

    /// A relative output path is saved absolute, so a run from any directory writes the same file.
    @Test func savesOutputPathsAbsolute() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "50"])
        let directory = home.work.appendingPathComponent("feeds-dir")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(try Self.create(home, sandbox, output: "prod.ndjson", extra: ["--format", "raw"], in: directory).status == 0)
        let shown = try home.run(["feed", "show", "prod", "--json"])
        let summary = try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any]
        let definition = summary?["definition"] as? [String: Any]
        let expected = directory.resolvingSymlinksInPath().path + "/prod.ndjson"
        #expect(definition?["output"] as? String == expected)
        #expect(definition?["rejects"] as? String == expected + ".rejects")
        #expect(try home.run(["feed", "run", "prod"], in: home.work).status == 0)
        #expect(Self.lines(expected).count == 50)
    }

    /// Runs killed at random moments never duplicate an event or a rejected record: the rejects
    /// file is cut back to its checkpoint with the output.
    @Test func killedRunsDuplicateNoEventAndNoReject() throws {
        var random = SeededRandom()
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "2400", "--seed", "9", "--unmappable-every", "7"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "40", "--slow-ms", "15"])
        let dataset = try SandboxProcess.dataset(data, in: home.work)
        let unmappable = dataset.filter { !$0.contains("\"user_email\"") }
        let output = home.work.appendingPathComponent("prod.ndjson").path
        #expect(try Self.create(home, sandbox, output: output).status == 0)
        for _ in 0..<8 {
            let run = try home.start(["feed", "run", "prod"])
            usleep(useconds_t(150_000 + random.next() % 450_000))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
        }
        for _ in 0..<2 { _ = try home.run(["feed", "run", "prod"]) }
        let events = Self.lines(output)
        let rejects = Self.lines(output + ".rejects")
        #expect(events.count == dataset.count - unmappable.count, "\(random.replay)")
        #expect(Set(events).count == events.count, "duplicated events; \(random.replay)")
        #expect(rejects.count == unmappable.count, "\(random.replay)")
        #expect(rejects.sorted() == unmappable.sorted(), "\(random.replay)")
    }

    /// Records without a `ray_id` that share a time and an action are still different records.
    @Test func recordsWithoutARayIDAreNotTakenForEachOther() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let data = ["--records", "900", "--seed", "4", "--tie-burst", "60", "--without-ray-every", "2"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "50"])
        let dataset = try SandboxProcess.dataset(data, in: home.work)
        let output = home.work.appendingPathComponent("prod.ndjson").path
        #expect(try Self.create(home, sandbox, output: output, extra: ["--format", "raw"]).status == 0)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        #expect(Self.lines(output).sorted() == dataset.sorted())
        let fetched = try home.run(["logs", "fetch", "--feed", "prod", "--since", "2025-07-01T00:00:00Z", "--format", "raw"])
        #expect(fetched.stdoutText.split(separator: "\n").map(String.init).sorted() == dataset.sorted())
    }

    /// `feed delete` waits for a running feed like a second run does, and leaves it whole.
    @Test func deleteTakesTheRunLock() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "3000", "--max-page-size", "100", "--slow-ms", "400"])
        let output = home.work.appendingPathComponent("prod.ndjson").path
        #expect(try Self.create(home, sandbox, output: output).status == 0)
        let run = try home.start(["feed", "run", "prod"])
        defer { kill(run.processIdentifier, SIGKILL); run.waitUntilExit() }
        #expect(waitUntil { isLocked(home.home + "/state/prod.lock") })
        let refused = try home.run(["feed", "delete", "prod"])
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("feed 'prod' is running"))
        #expect(FileManager.default.fileExists(atPath: home.home + "/feeds/prod.json"))
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        #expect(try home.run(["feed", "delete", "prod"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: home.home + "/feeds/prod.json"))
    }

    /// A full disk stops the run with a specific hint and is recorded as the run's error; once
    /// space is freed the next run goes on, and no event or rejected record is written twice.
    @Test(.enabled(if: geteuid() == 0, "mounting a small tmpfs needs root"))
    func fullDiskIsRecordedAndNothingIsDuplicated() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let disk = home.work.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(try CLI.shell("mount -t tmpfs -o size=2m,mode=700 tmpfs '\(disk)'", in: home.work) == 0)
        defer { _ = try? CLI.shell("umount '\(disk)'", in: home.work) }
        let data = ["--records", "8000", "--seed", "21", "--unmappable-every", "9"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "200"])
        let dataset = try SandboxProcess.dataset(data, in: home.work)
        let unmappable = dataset.filter { !$0.contains("\"user_email\"") }
        let output = disk + "/prod.ndjson"
        #expect(try Self.create(home, sandbox, output: output).status == 0)
        let full = try home.run(["feed", "run", "prod"])
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr.contains("no space left on device"))
        #expect(full.stderr.contains("hint: free some space on the file system that holds"))
        let shown = try home.run(["feed", "show", "prod", "--json"])
        let summary = try JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any]
        #expect(summary?["health"] as? String == "failing")
        #expect(((summary?["last_run"] as? [String: Any])?["error"] as? String)?.contains("no space left on device") == true)

        #expect(try CLI.shell("mount -o remount,size=64m '\(disk)'", in: home.work) == 0)
        let resumed = try home.run(["feed", "run", "prod"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let events = Self.lines(output)
        let rejects = Self.lines(output + ".rejects")
        #expect(events.count == dataset.count - unmappable.count)
        #expect(Set(events).count == events.count)
        #expect(rejects.sorted() == unmappable.sorted())
    }
}
