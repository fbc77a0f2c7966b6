import Foundation
import Testing
import TestSupport

/// Shared feeds: collector processes on one machine as separate hosts (a home and a host id
/// each, most talking to the store through a proxy that logs every request) against the
/// sandbox and a real SeaweedFS, with a 5-second lease. Whatever happens to the holder or the
/// store, the bucket ends with every record of the dataset exactly once, nothing left in
/// staging, and `feed verify` passes. Timings come from a seeded generator (the seed is in
/// every failure message).
@Suite(.enabled(if: ObjectStore.available, "SeaweedFS is not in the venv: run 'make deps'"))
struct SharedFeedTests {
    /// 3,000 raw records in 30 slow pages of 100: several seconds of collecting, one object per page.
    static let data = ["--records", "3000", "--seed", "9", "--epoch", "2025-07-01T00:00:00Z", "--max-page-size", "100", "--slow-ms", "150"]
    static let prefix = "cloudflare/prod/"

    /// One collector host.
    final class Host {
        let id: String
        let home: SandboxHome
        let proxy: FaultProxy?
        /// The store requests this host made (through its proxy), and its service's log.
        let requestLog: URL
        let serviceLog: URL
        let metrics: URL
        var service: Process?

        /// `proxy`: the proxy's fault options, nil to talk to the store directly (or to `endpoint`);
        /// `extra`: more options for `feed create`.
        init(_ id: String, store: ObjectStore?, sandbox: SandboxProcess, clockOffset: Int = 0, proxy: [String]? = [],
             endpoint: String? = nil, extra: [String] = []) throws {
            self.id = id
            home = try SandboxHome(environment: ["CFACCESS_HOST_ID": id].merging(clockOffset == 0 ? [:] : ["CFACCESS_CLOCK_OFFSET": String(clockOffset)]) { $1 })
            let requestLog = home.work.appendingPathComponent("store-requests.log")
            self.requestLog = requestLog
            serviceLog = home.work.appendingPathComponent("service.log")
            metrics = home.work.appendingPathComponent("cfaccess.prom")
            self.proxy = try store.flatMap { store in try proxy.map { try FaultProxy(before: store, arguments: $0 + ["--log", requestLog.path]) } }
            let added = try home.run(["storage", "add", "lake", "--endpoint", endpoint ?? self.proxy?.endpoint ?? store?.endpoint ?? "",
                                      "--access-key-id", ObjectStore.accessKeyID, "--from-file", "-"], stdin: Data((ObjectStore.secretKey + "\n").utf8))
            #expect(added.status == 0, "\(added.stderr)")
            let created = try home.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                        "--start", "2025-06-30T23:00:00Z", "--format", "raw", "--output", "s3://\(ObjectStore.bucket)/cloudflare/",
                                        "--storage", "lake", "--rotate-size", "8K", "--shared", "--lease", "5s", "--no-check"] + extra)
            #expect(created.status == 0, "\(created.stderr)")
        }

        deinit {
            if let service, service.isRunning { kill(service.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: home.work)
        }

        func start() throws {
            service = try home.start(["--verbose", "feed", "run", "--all", "--follow", "--interval", "1s", "--metrics-file", metrics.path], log: serviceLog)
        }

        /// SIGTERM, and the exit status.
        func stop() -> Int32 {
            guard let service else { return -1 }
            service.terminate()
            service.waitUntilExit()
            return service.terminationStatus
        }

        func signal(_ number: Int32) { if let service { kill(service.processIdentifier, number) } }

        /// Whether the lease names this host's process.
        func holds(_ lease: Lease?) -> Bool { lease.map { $0.holder.hasPrefix(id + "/") && $0.released != true } ?? false }

        var requests: [String] { ((try? String(contentsOf: requestLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
        var log: String { (try? String(contentsOf: serviceLog, encoding: .utf8)) ?? "" }
        /// Passes of the service so far (under --verbose each one logs a line).
        var cycles: Int { log.components(separatedBy: "in this run").count - 1 }
    }

    struct Lease: Decodable {
        var holder: String
        var term: Int
        var released: Bool?
    }

    struct Commit: Decodable {
        struct Object: Decodable { var key: String }
        struct Checkpoint: Decodable { var totalDelivered: Int }
        var sequence: Int
        var holder: String
        var objects: [Object]
        var checkpoint: Checkpoint
    }

    static func get(_ store: ObjectStore, _ key: String) throws -> Data {
        try store.curl(["-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "\(store.endpoint)/\(ObjectStore.bucket)/\(key)"])
    }

    static func lease(_ store: ObjectStore) -> Lease? {
        (try? get(store, prefix + "_cfaccess/lease")).flatMap { try? JSONDecoder().decode(Lease.self, from: $0) }
    }

    static func commits(_ store: ObjectStore) throws -> [Commit] {
        try store.keys(prefix: prefix + "_cfaccess/commits/").sorted().map { try JSONDecoder().decode(Commit.self, from: try get(store, $0)) }
    }

    /// Whether a host collected every record (its last, short object may still be open under
    /// the service: the final one-shot run commits it).
    static func collected(_ hosts: [Host], _ expected: [String]) -> Bool {
        hosts.contains { $0.log.contains(" \(expected.count) in total") }
    }

    /// Records the newest commit counts as delivered.
    static func committed(_ store: ObjectStore) -> Int {
        guard let last = (try? store.keys(prefix: prefix + "_cfaccess/commits/"))?.max(), let data = try? get(store, last) else { return 0 }
        return (try? JSONDecoder().decode(Commit.self, from: data))?.checkpoint.totalDelivered ?? 0
    }

    /// Every record of the dataset once under `dt=…`, each object named by exactly one commit,
    /// nothing in staging, and `feed verify` content on `host`.
    static func expectExactlyOnce(_ store: ObjectStore, expected: [String], verifyOn host: Host, _ random: SeededRandom) throws {
        let records = try ObjectFeedTests.delivered(store, in: host.home.work)
        #expect(records.count == expected.count, "\(records.count) records delivered of \(expected.count) [\(random.replay)]")
        #expect(Set(records) == Set(expected), "[\(random.replay)]")
        let named = try commits(store).flatMap { $0.objects.map(\.key) }
        #expect(named.count == Set(named).count, "an object named by two commits [\(random.replay)]")
        #expect(Set(named) == Set(try store.keys(prefix: prefix + "dt=")), "objects in the bucket that no commit names [\(random.replay)]")
        #expect(try store.keys(prefix: prefix + "_cfaccess/staging/").isEmpty, "staging left behind [\(random.replay)]")
        let verify = try host.home.run(["feed", "verify", "prod"])
        #expect(verify.status == 0, "\(verify.stdoutText)\(verify.stderr) [\(random.replay)]")
    }

    /// Conditional writes per object that reached its final key, from every proxy's log.
    static func conditionalWrites(_ hosts: [Host], objects: Int) -> String {
        let lines = hosts.flatMap(\.requests).filter { $0.hasPrefix("PUT ") && !$0.hasSuffix(" -") }
        func count(_ part: String) -> Int { lines.filter { $0.contains(part) }.count }
        let delivering = lines.count - count("/_cfaccess/lease")
        return String(format: "%.2f", Double(delivering) / Double(max(objects, 1)))
            + " conditional writes per committed object besides the lease's (\(lines.count) in all for \(objects): staging \(count("/staging/")), commits \(count("/commits/")), "
            + "final copies \(count("/dt%3D") + count("/dt=")), lease \(count("/_cfaccess/lease")), definition \(count("definition.json")))"
    }

    /// The holder is killed after a few commits; another host takes over after the lease runs
    /// out. Two of the three hosts have clocks minutes off: the lease changes hands only at the
    /// kill (term 2), so no host judged it by its own clock.
    @Test func aKilledHolderIsReplacedAndEveryRecordLandsOnce() throws {
        var random = SeededRandom()
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        let offsets = [0, 420, -420]
        let hosts = try (0..<3).map { try Host("host-\($0 + 1)", store: store, sandbox: sandbox, clockOffset: offsets[$0]) }
        let expected = try SandboxProcess.dataset(Self.data, in: hosts[0].home.work)
        for host in hosts { try host.start() }
        let killAfter = 3 + Int(random.next() % 4)
        #expect(waitUntil(timeout: 90) { ((try? Self.commits(store)) ?? []).filter { !$0.objects.isEmpty }.count >= killAfter },
                "[\(random.replay)]")
        let first = try #require(Self.lease(store))
        #expect(first.term == 1, "[\(random.replay)]")
        let victim = try #require(hosts.first { $0.holds(first) })
        victim.signal(SIGKILL)
        victim.service?.waitUntilExit()
        let killed = Date()
        #expect(waitUntil(timeout: 60) { Self.lease(store).map { $0.holder != first.holder } ?? false }, "nobody took over [\(random.replay)]")
        let takeOver = Date().timeIntervalSince(killed)
        // The killed host's own status no longer claims it collects: its lease ran out and no
        // run holds the feed there (a host whose clock is behind sees the end later).
        let victimOffset = offsets[hosts.firstIndex { $0 === victim }!]
        if victimOffset >= 0 {
            let stale = try victim.home.run(["feed", "status", "prod"]).stdoutText
            #expect(stale.contains("(lease expired, no run holds it here)") && !stale.contains("this host is collecting"), "\(stale) [\(random.replay)]")
        }
        #expect(waitUntil(timeout: 120) { Self.collected(hosts, expected) }, "\(Self.committed(store)) committed [\(random.replay)]")

        // Idle: what each standing-by host asks of the store per pass.
        let living = hosts.filter { $0 !== victim }
        let holder = try #require(Self.lease(store))
        let standing = living.filter { !$0.holds(holder) }
        #expect(standing.count == 1 && living.filter { $0.holds(holder) }.count == 1, "[\(random.replay)]")
        let start = standing.map { ($0.requests.count, $0.cycles) }
        #expect(waitUntil(timeout: 30) { zip(standing, start).allSatisfy { $0.cycles >= $1.1 + 6 } }, "[\(random.replay)]")
        for (host, start) in zip(standing, start) {
            let cycles = host.cycles - start.1, requests = host.requests.count - start.0
            print("standing by, \(host.id): \(requests) store requests in \(cycles) idle passes [\(random.replay)]")
            // The last pass's request may be logged by the proxy before the pass logs its line.
            #expect(requests <= cycles + 1, "\(requests) requests in \(cycles) passes [\(random.replay)]")
        }
        let held = living.map { (try? String(contentsOf: $0.metrics, encoding: .utf8)) ?? "" }
        #expect(held.filter { $0.contains("cfaccess_feed_lease_held{feed=\"prod\"} 1") }.count == 1, "[\(random.replay)]")
        #expect(held.filter { $0.contains("cfaccess_feed_lease_held{feed=\"prod\"} 0") }.count == 1, "[\(random.replay)]")
        let status = try standing[0].home.run(["feed", "status", "prod"]).stdoutText
        #expect(status.contains("lease held by \(holder.holder) since") && status.contains("this host is standing by"), "\(status)")
        let shown = try standing[0].home.run(["feed", "show", "prod"]).stdoutText
        #expect(shown.contains("shared:      lease 5s; held by \(holder.holder) until ") && shown.contains("this host is standing by"), "\(shown)")
        #expect(holder.term == 2, "the lease changed hands \(holder.term - 1) times for one kill [\(random.replay)]")

        // A clean stop gives the lease up at once.
        for host in living { #expect(host.stop() == 0) }
        #expect(Self.lease(store)?.released == true, "[\(random.replay)]")
        #expect(try standing[0].home.run(["feed", "run", "prod"]).status == 0)
        try Self.expectExactlyOnce(store, expected: expected, verifyOn: hosts[2], random)
        let objects = try store.keys(prefix: Self.prefix + "dt=").count
        print("take-over after SIGKILL: \(String(format: "%.1f", takeOver)) s (lease 5 s, polls every second) [\(random.replay)]")
        print(Self.conditionalWrites(hosts, objects: objects))
    }

    /// The holder is paused (SIGSTOP) while its proxy holds one of its uploads, past its lease;
    /// another host takes over and delivers; the paused one, continued, finds its commit refused:
    /// it deletes what it staged and stands by, and no commit of its comes after the take-over.
    @Test func aPausedHolderThatWakesUpDeliversNothing() throws {
        var random = SeededRandom()
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        let hosts = [try Host("host-1", store: store, sandbox: sandbox, proxy: ["--slow-ms", "300"]),
                     try Host("host-2", store: store, sandbox: sandbox), try Host("host-3", store: store, sandbox: sandbox)]
        let expected = try SandboxProcess.dataset(Self.data, in: hosts[0].home.work)
        let paused = hosts[0]
        try paused.start()
        #expect(waitUntil(timeout: 60) { paused.holds(Self.lease(store)) }, "[\(random.replay)]")
        for host in hosts.dropFirst() { try host.start() }
        let pauseAfter = 1 + Int(random.next() % 3)
        #expect(waitUntil(timeout: 90) { ((try? Self.commits(store)) ?? []).filter { !$0.objects.isEmpty }.count >= pauseAfter }, "[\(random.replay)]")
        let seen = paused.requests.count
        #expect(waitUntil(timeout: 60) { paused.requests.dropFirst(seen).contains { $0.hasPrefix("PUT ") && $0.contains("/_cfaccess/staging/") } },
                "[\(random.replay)]")
        paused.signal(SIGSTOP)
        #expect(waitUntil(timeout: 60) { Self.lease(store).map { !paused.holds($0) && $0.released != true } ?? false }, "nobody took over [\(random.replay)]")
        let taker = try #require(Self.lease(store)).holder
        #expect(waitUntil(timeout: 90) { ((try? Self.commits(store)) ?? []).filter { $0.holder == taker && !$0.objects.isEmpty }.count >= 2 },
                "[\(random.replay)]")
        let beforeWaking = paused.requests.count
        paused.signal(SIGCONT)
        #expect(waitUntil(timeout: 120) { Self.collected(hosts, expected) }, "\(Self.committed(store)) committed [\(random.replay)]")
        #expect(waitUntil(timeout: 30) { paused.log.contains("standing by") }, "\(paused.log)")
        let woken = paused.requests.dropFirst(beforeWaking)
        #expect(woken.contains { $0.hasPrefix("PUT ") && $0.contains("/_cfaccess/commits/") }, "the woken host tried to commit: \(woken)")
        #expect(woken.contains { $0.hasPrefix("DELETE ") && $0.contains("/_cfaccess/staging/") }, "and deleted what it staged: \(woken)")
        let log = try Self.commits(store)
        let fence = try #require(log.first { $0.holder == taker })
        #expect(!log.contains { $0.holder.hasPrefix("host-1/") && $0.sequence > fence.sequence }, "a commit of the paused host after the take-over [\(random.replay)]")
        for host in hosts { #expect(host.stop() == 0) }
        #expect(try hosts[1].home.run(["feed", "run", "prod"]).status == 0)
        try Self.expectExactlyOnce(store, expected: expected, verifyOn: hosts[0], random)
    }

    /// The store goes away for longer than the lease and comes back: collection waits for it
    /// and goes on from the last commit.
    @Test func theStoreStopsAndComesBack() throws {
        var random = SeededRandom()
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        let hosts = try (1...3).map { try Host("host-\($0)", store: store, sandbox: sandbox, proxy: nil) }
        let expected = try SandboxProcess.dataset(Self.data, in: hosts[0].home.work)
        for host in hosts { try host.start() }
        let stopAfter = 2 + Int(random.next() % 4)
        #expect(waitUntil(timeout: 90) { ((try? Self.commits(store)) ?? []).filter { !$0.objects.isEmpty }.count >= stopAfter }, "[\(random.replay)]")
        store.stop()
        let outage = 6.0 + Double(random.next() % 40) / 10
        // The outage itself is the scenario: no condition to wait for while the store is gone.
        Thread.sleep(forTimeInterval: outage)
        try store.start()
        #expect(waitUntil(timeout: 180) { Self.collected(hosts, expected) }, "\(Self.committed(store)) committed after a \(outage) s outage [\(random.replay)]")
        for host in hosts { #expect(host.stop() == 0) }
        #expect(try hosts[2].home.run(["feed", "run", "prod"]).status == 0)
        try Self.expectExactlyOnce(store, expected: expected, verifyOn: hosts[1], random)
    }

    /// Four one-shot runs start together against a lease that has just run out: one takes it and
    /// collects, the others exit 75 naming it.
    @Test func hostsRacingForAnExpiredLeaseLetOneCollect() throws {
        let random = SeededRandom()
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        let hosts = try (1...4).map { try Host("host-\($0)", store: store, sandbox: sandbox, proxy: nil) }
        let expected = try SandboxProcess.dataset(Self.data, in: hosts[0].home.work)
        let stale = hosts[0].home.work.appendingPathComponent("lease.json")
        try Data(#"{"holder":"gone-host/1","lease":5,"nonce":"stale","since":"2026-01-01T00:00:00.000Z","term":7}"#.utf8).write(to: stale)
        _ = try store.curl(["-X", "PUT", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--data-binary", "@\(stale.path)",
                            "\(store.endpoint)/\(ObjectStore.bucket)/\(Self.prefix)_cfaccess/lease"])
        // Until the store's own clock says the lease ran out.
        #expect(waitUntil(timeout: 30) {
            let headers = String(decoding: (try? store.curl(["-I", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "\(store.endpoint)/\(ObjectStore.bucket)/\(Self.prefix)_cfaccess/lease"])) ?? Data(), as: UTF8.self)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            func header(_ name: String) -> Date? {
                headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name + ":") }.flatMap { formatter.date(from: String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)) }
            }
            guard let date = header("date"), let modified = header("last-modified") else { return false }
            return date.timeIntervalSince(modified) >= 6
        })
        let logs = hosts.map { $0.home.work.appendingPathComponent("run.log") }
        let runs = try zip(hosts, logs).map { try $0.home.start(["feed", "run", "prod"], log: $1) }
        for run in runs { run.waitUntilExit() }
        let statuses = runs.map(\.terminationStatus)
        #expect(statuses.filter { $0 == 0 }.count == 1 && statuses.filter { $0 == 75 }.count == 3, "\(statuses) [\(random.replay)]")
        let winner = try #require(hosts.indices.first { statuses[$0] == 0 })
        let lease = try #require(Self.lease(store))
        #expect(lease.term == 8 && lease.holder.hasPrefix(hosts[winner].id + "/") && lease.released == true, "\(lease)")
        for index in hosts.indices where index != winner {
            let said = (try? String(contentsOf: logs[index], encoding: .utf8)) ?? ""
            #expect(said.contains("\(hosts[winner].id)/") && said.contains("collects this shared feed"), "\(said)")
        }
        #expect(try Self.commits(store).filter { $0.objects.isEmpty }.map(\.holder).allSatisfy { $0.hasPrefix(hosts[winner].id + "/") })
        try Self.expectExactlyOnce(store, expected: expected, verifyOn: hosts[(winner + 1) % 4], random)
    }
}

/// What a shared feed refuses.
@Suite(.enabled(if: ObjectStore.available, "SeaweedFS is not in the venv: run 'make deps'"))
struct SharedFeedGuardTests {
    static let data = ["--records", "300", "--seed", "9", "--epoch", "2025-07-01T00:00:00Z"]

    /// A host whose filters differ from the bucket's definition never collects (78, naming the
    /// field); `feed update` of a shared feed makes its definition the shared one, and then the
    /// other host is the one refused.
    @Test func hostsThatDisagreeOnTheDefinitionDoNotCollect() throws {
        let store = try ObjectStore()
        let sandbox = try SandboxProcess(Self.data)
        let first = try SharedFeedTests.Host("host-1", store: store, sandbox: sandbox, proxy: nil)
        let second = try SharedFeedTests.Host("host-2", store: store, sandbox: sandbox, proxy: nil, extra: ["--country", "US"])
        #expect(try first.home.run(["feed", "run", "prod"]).status == 0)
        let commits = try SharedFeedTests.commits(store).count
        let refused = try second.home.run(["feed", "run", "prod"])
        #expect(refused.status == 78, "\(refused.stderr)")
        #expect(refused.stderr.contains("(filters: {\"country\":[\"US\"]} here, none in the bucket); this host does not collect"), "\(refused.stderr)")
        #expect(try SharedFeedTests.commits(store).count == commits, "the refused host wrote to the log")
        let spool = (try? Data(contentsOf: URL(fileURLWithPath: second.home.home + "/spool/prod/prod.ndjson"))) ?? Data()
        #expect(spool.isEmpty, "the refused host collected")
        #expect(SharedFeedTests.lease(store)?.holder.hasPrefix("host-1/") == true, "the refused host never took the lease")

        // host-2 publishes its filter: host-1 is now the one that differs.
        let published = try second.home.run(["feed", "update", "prod", "--shared"])
        #expect(published.status == 0 && published.stderr.contains("the bucket now holds this definition"), "\(published.stderr)")
        let now = try first.home.run(["feed", "run", "prod"])
        #expect(now.status == 78 && now.stderr.contains("(filters: none here, {\"country\":[\"US\"]} in the bucket)"), "\(now.stderr)")
        #expect(try second.home.run(["feed", "run", "prod"]).status == 0)
    }

    /// A host that cannot reach the bucket fetches nothing: the lease comes before the API.
    @Test func aHostThatCannotReachTheBucketNeverCollects() throws {
        let sandbox = try SandboxProcess(Self.data)
        let host = try SharedFeedTests.Host("host-1", store: nil, sandbox: sandbox, proxy: nil, endpoint: "http://127.0.0.1:9")
        let run = try host.home.run(["--verbose", "feed", "run", "prod"])
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("_cfaccess/lease") && !run.stderr.contains("access_requests"), "\(run.stderr)")
        let state = try host.home.run(["feed", "status", "prod", "--json"]).stdoutText
        #expect(state.contains("\"delivered\":0") && !state.contains("\"cursor\""), "\(state)")
    }
}

/// What `--shared` and `--lease` take, and what a shared feed does not allow.
struct SharedFeedOptionTests {
    @Test func sharedNeedsABucketAndALeaseInBounds() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let base = ["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted", "--no-check"]
        let local = try home.run(base + ["--shared"])
        #expect(local.status == 64 && local.stderr.contains("--shared needs an s3:// output"), "\(local.stderr)")
        let added = try home.run(["storage", "add", "lake", "--endpoint", "http://127.0.0.1:9", "--access-key-id", "KEY", "--from-file", "-"],
                                 stdin: Data("not-a-real-secret\n".utf8))
        #expect(added.status == 0, "\(added.stderr)")
        let bucket = ["--output", "s3://lake/cf/", "--storage", "lake"]
        for lease in ["4s", "2h"] {
            let refused = try home.run(base + bucket + ["--shared", "--lease", lease])
            #expect(refused.status == 64 && refused.stderr.contains("--lease"), "\(lease): \(refused.stderr)")
        }
        let alone = try home.run(base + bucket + ["--lease", "1m"])
        #expect(alone.status == 64 && alone.stderr.contains("--lease goes with --shared"), "\(alone.stderr)")
        #expect(try home.run(base + bucket + ["--shared", "--lease", "30s"]).status == 0)
        let reset = try home.run(["feed", "reset", "prod", "--since", "2026-12-01T00:00:00Z"])
        #expect(reset.status == 78 && reset.stderr.contains("commit log in the bucket"), "\(reset.stderr)")
    }
}
