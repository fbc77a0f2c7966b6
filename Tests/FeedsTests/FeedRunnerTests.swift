import Client
import Files
import Foundation
import Inputs
import Testing
@testable import Feeds

/// The runner and the walk without HTTP: pages, faults, a crash between output and checkpoint,
/// and rotation (with a crash in the middle of it).
@Suite struct FeedRunnerTests {
    struct Setup {
        let directory: String
        let store: FeedStore
        let name = try! FeedName("prod")
        var definition: FeedDefinition

        init(format: String = "raw") throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-runner-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            store = FeedStore(directory: directory + "/home")
            definition = FeedDefinition(name: name, account: FakeSource.account, token: "t", baseURL: nil, output: directory + "/prod.ndjson",
                                        format: format, rejects: directory + "/prod.ndjson.rejects", start: "2025-07-01T00:00:00Z",
                                        lookback: 600, contactName: nil, contactEmail: nil)
        }

        func run(_ source: FakeSource, now: Int64 = TimeInput.nowMilliseconds()) throws(FeedRunError) -> FeedState {
            var runner = FeedRunner(definition: definition, name: name, store: store, source: source)
            runner.now = { now }
            return try runner.run(state: (try? store.state(name)) ?? FeedState())
        }

        /// Every event line in the output, its rotated files and their gzipped versions.
        func delivered() throws -> [String] {
            var lines: [String] = []
            for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasPrefix("prod.") && !file.contains("rejects") {
                let path = directory + "/" + file
                let text: String
                if file.hasSuffix(".gz") {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    process.arguments = ["-c", "gzip -dc '\(path)'"]
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    try process.run()
                    text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                } else {
                    text = try String(contentsOfFile: path, encoding: .utf8)
                }
                lines += text.split(separator: "\n").map(String.init)
            }
            return lines
        }
    }

    @Test func deliversEveryRecordOnceThroughClampedPagesAndTies() throws {
        var setup = try Setup()
        // No lookback: a run with nothing new then reads only the checkpoint's own instant.
        setup.definition.lookback = 0
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let source = FakeSource(count: 1000, perInstant: 7)
        source.maxPageSize = 40
        let state = try setup.run(source)
        #expect(state.totalDelivered == 1000)
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
        // A second run finds nothing new in two requests or fewer.
        let before = source.requests
        #expect(try setup.run(source).lastRun?.records == 0)
        #expect(source.requests - before <= 2)
    }

    @Test func aFailedRunIsRecordedAndTheNextOneGoesOnFromTheCheckpoint() throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let source = FakeSource(count: 500)
        source.maxPageSize = 100
        source.failures[3] = ClientError(.http(status: 403), errors: [CloudflareMessage(code: 10000, message: "Authentication error")], detail: "")
        #expect(throws: FeedRunError.self) { try setup.run(source) }
        let failed = try setup.store.state(setup.name)
        #expect(failed.lastRun?.error == "HTTP 403: 10000 Authentication error")
        // Two pages of 100, the second starting at the first's newest instant (read again).
        #expect(failed.totalDelivered == 199)
        #expect(try setup.delivered().count == 199)
        #expect(failed.failures == 1)
        #expect(FeedHealth(state: failed, definition: setup.definition, now: TimeInput.nowMilliseconds()) == .failing)
        let resumed = try setup.run(source)
        #expect(resumed.failures == 0)
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
    }

    /// Bytes written after the last checkpoint (a crash between output and checkpoint) are cut
    /// and fetched again.
    @Test func aCrashBetweenOutputAndCheckpointDuplicatesNothing() throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let source = FakeSource(count: 300)
        source.maxPageSize = 100
        source.records = Array(source.records.prefix(100))
        _ = try setup.run(source)
        // What the next page would have written, with the checkpoint never saved.
        let extra = FakeSource(count: 300).records[100..<150].map { $0.json + "\n" }.joined()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: setup.definition.output))
        handle.seekToEndOfFile()
        handle.write(Data(extra.utf8))
        try handle.close()
        source.records = FakeSource(count: 300).records
        var events: [FeedRunner.Event] = []
        var runner = FeedRunner(definition: setup.definition, name: setup.name, store: setup.store, source: source)
        runner.report = { events.append($0) }
        _ = try runner.run(state: try setup.store.state(setup.name))
        #expect(events.contains(.cut(path: setup.definition.output, bytes: Int64(extra.utf8.count))))
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
    }

    /// A run stopped while it re-reads its lookback must not move the checkpoint back: the next
    /// run would start before the identities it kept and deliver those records again.
    @Test func aRunStoppedInsideTheLookbackKeepsTheCheckpoint() throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let source = FakeSource(count: 1500)
        source.maxPageSize = 100
        source.records = Array(FakeSource(count: 1500).records.prefix(1000))
        let first = try setup.run(source)
        // The next run re-reads 600 s of records (6 pages) and is stopped after two of them.
        source.failures[source.requests + 3] = ClientError(.transport(code: 7, message: "couldn't connect to server"), detail: "")
        #expect(throws: FeedRunError.self) { try setup.run(source) }
        #expect(try setup.store.state(setup.name).cursor == first.cursor)
        source.records = FakeSource(count: 1500).records
        _ = try setup.run(source)
        let delivered = try setup.delivered()
        #expect(delivered.count == 1500)
        #expect(delivered.sorted() == source.records.map(\.json).sorted())
    }

    /// A first run killed after writing its first page, before its first checkpoint: the files
    /// are still the feed's own (their identity was recorded before anything was written), so
    /// the next run cuts them back instead of refusing them as someone else's.
    @Test func aFirstRunKilledBeforeItsFirstCheckpointIsStillTheFeeds() throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let source = FakeSource(count: 200)
        // A kill during the first request leaves what was saved before it.
        var savedBeforeFirstRequest: FeedState?
        source.beforeAnswer = { if savedBeforeFirstRequest == nil { savedBeforeFirstRequest = try? setup.store.state(setup.name) } }
        source.failures[1] = ClientError(.transport(code: 7, message: "couldn't connect to server"), detail: "")
        #expect(throws: FeedRunError.self) { try setup.run(source) }
        #expect(savedBeforeFirstRequest?.output.identity != nil)
        #expect(savedBeforeFirstRequest?.rejects.identity != nil)
        try setup.store.save(savedBeforeFirstRequest ?? FeedState(), for: setup.name)
        // What the killed run had written of its first page.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: setup.definition.output))
        handle.write(Data((source.records.prefix(30).map { $0.json }.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        _ = try setup.run(source)
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
    }

    @Test func rotatesBySizeAndCompressesWithoutLosingOrRepeating() throws {
        var setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        setup.definition.rotateSize = 8 << 10
        setup.definition.compress = true
        let source = FakeSource(count: 600)
        source.maxPageSize = 50
        _ = try setup.run(source)
        let files = try FileManager.default.contentsOfDirectory(atPath: setup.directory)
        let rotated = files.filter { $0.hasSuffix(".ndjson.gz") }
        #expect(rotated.count >= 3)
        #expect(rotated.allSatisfy { $0.range(of: #"^prod\.\d{8}T\d{6}Z-\d{8}T\d{6}Z(-\d+)?\.ndjson\.gz$"#, options: .regularExpression) != nil })
        #expect(!files.contains { $0.contains(".tmp.") })
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
    }

    /// A rotated file's name gives the `created_at` of the first and last record it holds.
    @Test func rotatedNamesSayWhichRecordsTheyHold() throws {
        var setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        setup.definition.rotateSize = 8 << 10
        let source = FakeSource(count: 400)
        source.maxPageSize = 50
        _ = try setup.run(source)
        let rotated = try FileManager.default.contentsOfDirectory(atPath: setup.directory).filter { $0.hasPrefix("prod.2025") }
        #expect(rotated.count >= 3)
        func compact(_ time: String) -> String { String(time.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z" }
        for file in rotated {
            let times = try String(contentsOfFile: setup.directory + "/" + file, encoding: .utf8).split(separator: "\n").map { line in
                String(line.split(separator: "\"created_at\":\"")[1].prefix(24))
            }
            #expect(file == "prod.\(compact(times.min()!))-\(compact(times.max()!)).ndjson", "\(file) holds \(times.min()!)…\(times.max()!)")
        }
    }

    @Test func rotatesByAge() throws {
        var setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        setup.definition.rotateInterval = 3600
        let source = FakeSource(count: 50)
        let start = TimeInput.nowMilliseconds()
        _ = try setup.run(source, now: start)
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.directory).filter { $0.hasPrefix("prod.2") }.isEmpty)
        // Nothing new, an hour later: the active file is rotated anyway.
        let later = try setup.run(source, now: start + 3_600_000)
        #expect(later.lastRotated?.hasSuffix(".ndjson") == true)
        #expect(later.output.offset == 0)
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
    }

    /// A rotation recorded but interrupted at each step is finished by the next run, once.
    @Test(arguments: ["before the rename", "between the link and the unlink", "after the rename", "during the compression",
                      "after the compression"])
    func aRotationInterruptedAnywhereIsFinished(_ step: String) throws {
        var setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        setup.definition.compress = true
        let source = FakeSource(count: 200)
        var state = try setup.run(source)
        let output = setup.definition.output
        let target = setup.directory + "/prod.20250701T000000Z-20250701T010000Z.ndjson"
        let temporary = target + ".gz.tmp"
        state.rotation = PendingRotation(identity: state.output.identity!, target: target, compress: true)
        /// What cfaccess records before it writes the temporary file.
        func madeTemporary() throws {
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            #expect(descriptor >= 0)
            state.rotation?.temporary = temporary
            state.rotation?.temporaryIdentity = FileIdentity(descriptor: descriptor)
            state.rotation?.compressed = target + ".gz"
            close(descriptor)
        }
        switch step {
        case "between the link and the unlink":
            #expect(link(output, target) == 0)
        case "after the rename":
            #expect(rename(output, target) == 0)
        case "during the compression":
            #expect(rename(output, target) == 0)
            try madeTemporary()
            try Data("partial".utf8).write(to: URL(fileURLWithPath: temporary))
        case "after the compression":
            #expect(rename(output, target) == 0)
            try madeTemporary()
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
            gzip.arguments = ["-c", "gzip -c '\(target)' > '\(temporary)' && ln '\(temporary)' '\(target).gz'"]
            try gzip.run()
            gzip.waitUntilExit()
        default:
            break
        }
        try setup.store.save(state, for: setup.name)
        source.records += FakeSource(count: 260).records.suffix(60)
        let after = try setup.run(source)
        #expect(after.rotation == nil)
        #expect(FileManager.default.fileExists(atPath: target + ".gz"))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.directory).filter { $0.contains(".gz") }.count == 1)
        #expect(try setup.delivered().sorted() == source.records.map(\.json).sorted())
    }

    /// Files planted under the names a rotation will use are never removed, skipped over or
    /// taken for cfaccess's own: the rotation takes the next free names and every event is kept.
    @Test func plantedNamesAreNeitherTrustedNorRemoved() throws {
        var setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        setup.definition.compress = true
        let source = FakeSource(count: 200)
        var state = try setup.run(source)
        let target = setup.directory + "/prod.20250701T000000Z-20250701T010000Z.ndjson"
        for planted in [target, target + ".gz", target + ".gz.tmp", setup.directory + "/prod.20250701T000000Z-20250701T010000Z-2.ndjson.gz"] {
            try Data("planted\n".utf8).write(to: URL(fileURLWithPath: planted))
        }
        state.rotation = PendingRotation(identity: state.output.identity!, target: target, compress: true)
        try setup.store.save(state, for: setup.name)
        let after = try setup.run(source)
        #expect(after.rotation == nil)
        for planted in [target, target + ".gz", target + ".gz.tmp"] {
            #expect(try String(contentsOfFile: planted, encoding: .utf8) == "planted\n")
        }
        #expect(after.lastRotated == setup.directory + "/prod.20250701T000000Z-20250701T010000Z-3.ndjson.gz")
        #expect(!FileManager.default.fileExists(atPath: setup.directory + "/prod.20250701T000000Z-20250701T010000Z-2.ndjson"))
        #expect(try setup.delivered().filter { $0 != "planted" }.sorted() == source.records.map(\.json).sorted())
    }

    @Test func metricsNameEveryFeedAndParseAsPrometheusText() throws {
        var state = FeedState()
        state.totalDelivered = 12
        state.totalRejected = 1
        state.cursor = "2025-07-01T00:00:00Z"
        state.lastSuccess = "2025-07-01T00:01:00Z"
        state.lastRun = FeedState.Run(started: "2025-07-01T00:00:30Z")
        let text = MetricsFile.text([MetricsFile.Feed(name: "prod", state: state, definition: nil, responses: ["200": 5, "503": 1], retries: 1)],
                                    now: 1_751_328_060_000)
        #expect(text.contains("cfaccess_feed_records_total{feed=\"prod\"} 12\n"))
        #expect(text.contains("cfaccess_api_requests_total{feed=\"prod\",code=\"503\"} 1\n"))
        #expect(text.contains("cfaccess_feed_checkpoint_lag_seconds{feed=\"prod\"} 60\n"))
        #expect(text.contains("# TYPE cfaccess_feed_up gauge\n"))
    }
}
