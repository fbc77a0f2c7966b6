import Foundation
import Testing

/// Crash points enumerated, not sampled: `Tests/FaultShim/faults.c`, loaded with `LD_PRELOAD`,
/// counts the file-system calls of one command (and the sends of a feed into a bucket), and the
/// command is run again for every call number N, killed before call N, or with call N failing
/// with EIO, or with ENOSPC. After each, the next plain run must deliver every record exactly
/// once, the vault must open with the old or the new contents, and status must tell the truth.
/// Within `make test`'s time: the vault's paths and a local feed are killed at every call, and
/// the vault's paths fail at every call too; the longer paths (a rotating feed, a feed into a
/// bucket) are killed at 80 and 60 calls, and every feed fails at 12 calls per mode, drawn with
/// a printed seed. `CFACCESS_CRASH_POINTS=all` tries every call of every path in every mode.
@Suite struct CrashPointTests {
    /// A fixed place per test: definitions and the vault hold absolute paths, so each crash point
    /// starts from a copy of the same template at the same path.
    struct Stage {
        let work: URL
        let template: URL
        let live: URL
        let home: SandboxHome

        init(work: URL, template: URL, live: URL, home: SandboxHome) {
            self.work = work
            self.template = template
            self.live = live
            self.home = home
        }

        init(_ home: SandboxHome) throws {
            self.home = home
            work = home.work
            live = work.appendingPathComponent("live")
            template = work.appendingPathComponent("template")
        }

        /// Saves what `live` holds now as the template.
        func keep() throws {
            #expect(try CLI.shell("rm -rf template && cp -a live template", in: work) == 0)
        }

        /// Puts the template back in `live`.
        func restore() throws {
            #expect(try CLI.shell("rm -rf live && cp -a template live", in: work) == 0)
        }
    }

    enum Mode: String, CaseIterable { case kill, eio, enospc }

    /// The shim, compiled once per test run with the toolchain's clang.
    static let shim: String = {
        let directory = try! CLI.temporaryDirectory()
        let library = directory.appendingPathComponent("libfaults.so").path
        let source = CLI.projectRoot.appendingPathComponent("Tests/FaultShim/faults.c").path
        let status = try! CLI.shell("clang -shared -fPIC -O1 -o '\(library)' '\(source)' -ldl || cc -shared -fPIC -O1 -o '\(library)' '\(source)' -ldl",
                                    in: directory)
        precondition(status == 0, "cannot compile the fault shim")
        return library
    }()

    /// The shim's settings for a run under `root`: counting only, or a fault at call `at`.
    static func faults(root: URL, count: URL? = nil, at: Int? = nil, mode: Mode = .kill, net: Bool = false, match: String? = nil) -> [String: String] {
        var environment = ["LD_PRELOAD": shim, "CFACCESS_FAULT_ROOT": root.path + "/"]
        if let count { environment["CFACCESS_FAULT_COUNT"] = count.path }
        if let at { environment["CFACCESS_FAULT_AT"] = String(at); environment["CFACCESS_FAULT_MODE"] = mode.rawValue }
        if net { environment["CFACCESS_FAULT_NET"] = "1" }
        if let match { environment["CFACCESS_FAULT_MATCH"] = match }
        return environment
    }

    /// How many calls `command` makes under the stage, run once with the shim counting.
    static func calls(_ stage: Stage, _ command: [String], net: Bool = false, match: String? = nil) throws -> Int {
        try stage.restore()
        let count = stage.work.appendingPathComponent("count")
        try? FileManager.default.removeItem(at: count)
        let outcome = try run(stage, command, faults(root: stage.live, count: count, net: net, match: match))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = (try? String(contentsOf: count, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int($0) }.reduce(0, +)
    }

    static func run(_ stage: Stage, _ command: [String], _ extra: [String: String] = [:]) throws -> CLI.Outcome {
        try CLI.run(stage.home.arguments + command, environment: stage.home.environment.merging(extra) { _, new in new })
    }

    /// Every call number, or `most` of them drawn with a printed seed; `CFACCESS_CRASH_POINTS=all`
    /// tries every one, and `CFACCESS_CRASH_POINT=N` only N.
    static func points(_ total: Int, most: Int, path: String) -> [Int] {
        let environment = ProcessInfo.processInfo.environment
        if let only = environment["CFACCESS_CRASH_POINT"].flatMap(Int.init) { return [only] }
        guard total > most, environment["CFACCESS_CRASH_POINTS"] != "all" else { return Array(1...max(total, 1)) }
        let seed = UInt64.random(in: 1...UInt64.max)
        print("CrashPointTests: \(path) makes \(total) calls; \(most) drawn with seed \(seed)")
        var random = SeededRandom(seed: seed)
        return Array(Array(1...total).shuffled(using: &random).prefix(most)).sorted()
    }

    /// The records in the feed's output files, the rotated and compressed ones included.
    static func delivered(in directory: URL) throws -> [String] {
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") && !name.contains(".tmp") {
            let path = directory.appendingPathComponent(name).path
            let text: String
            if name.hasSuffix(".gz") {
                let process = Process()
                let pipe = Pipe()
                process.executableURL = URL(fileURLWithPath: "/bin/gzip")
                process.arguments = ["-dc", path]
                process.standardOutput = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = try String(contentsOfFile: path, encoding: .utf8)
            }
            lines += text.split(separator: "\n").map(String.init)
        }
        return lines.sorted()
    }

    /// A feed run, crashed or failed at every call, then run again: every record exactly once.
    /// The run after the fault and `feed status` go in one script (one process, as a user's
    /// cron line would), so the status seen is the one that run left.
    static func feedRun(_ stage: Stage, dataset: [String], path: String, modes: [Mode: Int]) throws {
        let total = try calls(stage, ["feed", "run", "prod"])
        #expect(total > 20, "the shim counted \(total) calls")
        let out = stage.live.appendingPathComponent("out")
        let tried = try tryPoints(stage, total: total, path: path, modes: modes.sorted { $0.key.rawValue < $1.key.rawValue }, dataset: dataset) {
            { try delivered(in: out) }
        }
        print("CrashPointTests: \(path): \(total) calls; crash points tried: \(tried.joined(separator: ", "))")
    }

    /// `feed run prod` faulted at each chosen call of `total` per mode, then run again with
    /// `feed status` in one script: every record exactly once (as `prepare`'s reader, made for
    /// the round after the stage is restored, finds them), and the status ok. Returns what was
    /// tried per mode; stops at the first failing point.
    static func tryPoints(_ stage: Stage, total: Int, path: String, modes: [(Mode, Int)], net: Bool = false, dataset: [String],
                          prepare: () throws -> () throws -> [String]) throws -> [String] {
        var tried: [String] = []
        for (mode, most) in modes {
            let chosen = points(total, most: most, path: "\(path) (\(mode))")
            for point in chosen {
                try stage.restore()
                let records = try prepare()
                // Sends are crash points, not failure points: a refused send is an outage, tested elsewhere.
                let faulted = try run(stage, ["feed", "run", "prod"], faults(root: stage.live, at: point, mode: mode, net: net && mode == .kill))
                if mode == .kill { #expect(faulted.status != 0, "killed at call \(point) of \(total), yet exit 0") }
                let again = try CLI.run(stage.home.arguments, stdin: "feed run prod\nfeed status prod\n".bytes, environment: stage.home.environment)
                let found = try records()
                let context = "\(path), \(mode) at call \(point) of \(total): faulted exit \(faulted.status) \(faulted.stderr.suffix(300)); then exit \(again.status) \(again.stderr.suffix(300))"
                let exactlyOnce = found == dataset
                #expect(again.status == 0 && again.stdoutText.contains(" ok "), "\(context): status \(again.stdoutText)")
                #expect(exactlyOnce, "\(context): \(found.count) records, \(Set(found).count) distinct, of \(dataset.count)")
                if again.status != 0 || !exactlyOnce { return tried }
            }
            tried.append("\(chosen.count) \(mode)")
        }
        return tried
    }

    static func feedStage(records: Int, extra: [String]) throws -> (Stage, SandboxProcess, [String]) {
        let home = try SandboxHome()
        let stage = try Stage(home)
        let data = ["--records", String(records), "--seed", "11"]
        let sandbox = try SandboxProcess(data)
        let dataset = try SandboxProcess.dataset(data, in: home.work).sorted()
        // The vault, the passphrase and the output all under `live`, so the shim sees them all.
        try FileManager.default.createDirectory(at: stage.live.appendingPathComponent("out"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        #expect(try CLI.shell("cp -a home live/home && chmod 700 live", in: home.work) == 0)
        let moved = SandboxHome(moving: home, to: stage.live.appendingPathComponent("home"))
        let staged = try Stage(moved)
        let created = try moved.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted",
                                     "--base-url", sandbox.baseURL, "--start", "2025-07-01T00:00:00Z", "--format", "raw",
                                     "--output", stage.live.appendingPathComponent("out/prod.ndjson").path, "--no-check"] + extra)
        #expect(created.status == 0, "\(created.stderr)")
        try staged.keep()
        return (staged, sandbox, dataset)
    }

    @Test func aLocalFeedRunAtEveryCall() throws {
        let (stage, sandbox, dataset) = try Self.feedStage(records: 1001, extra: [])
        defer { try? FileManager.default.removeItem(at: stage.work); _ = sandbox }
        try Self.feedRun(stage, dataset: dataset, path: "feed run (local)", modes: [.kill: 1000, .eio: 12, .enospc: 12])
    }

    @Test func aRotatingCompressingFeedAtEveryCall() throws {
        let (stage, sandbox, dataset) = try Self.feedStage(records: 1001, extra: ["--rotate-size", "150k", "--compress"])
        defer { try? FileManager.default.removeItem(at: stage.work); _ = sandbox }
        try Self.feedRun(stage, dataset: dataset, path: "feed run (rotating, --compress)", modes: [.kill: 80, .eio: 12, .enospc: 12])
    }

    /// A feed into a bucket (SeaweedFS), crashed before each file-system call and each send to
    /// the store or the API, or with a file-system call failing: after the next run the bucket
    /// holds every record once. Each crash point writes under a prefix of its own.
    @Test(.enabled(if: ObjectStore.available, "SeaweedFS is not in the venv: run 'make deps'"))
    func anObjectFeedAtEveryCall() throws {
        let home = try SandboxHome()
        let store = try ObjectStore()
        let data = ["--records", "600", "--seed", "11"]
        let sandbox = try SandboxProcess(data)
        let dataset = try SandboxProcess.dataset(data, in: home.work).sorted()
        #expect(try StorageTests.add(home, "lake", store: store).status == 0)
        let live = home.work.appendingPathComponent("live")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        #expect(try CLI.shell("cp -a home live/home", in: home.work) == 0)
        let stage = try Stage(SandboxHome(moving: home, to: live.appendingPathComponent("home")))
        defer { try? FileManager.default.removeItem(at: stage.work); _ = sandbox }
        let created = try stage.home.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted",
                                          "--base-url", sandbox.baseURL, "--start", "2025-07-01T00:00:00Z", "--format", "raw",
                                          "--output", "s3://\(ObjectStore.bucket)/crash/", "--storage", "lake", "--rotate-size", "64K"])
        #expect(created.status == 0, "\(created.stderr)")
        try stage.keep()
        var round = 0
        /// The template's feed, aimed at a prefix no earlier round wrote to.
        func freshPrefix() throws -> String {
            round += 1
            let prefix = "crash\(round)"
            let definition = stage.live.appendingPathComponent("home/feeds/prod.json")
            let text = try String(contentsOf: definition, encoding: .utf8)
            try text.replacingOccurrences(of: "s3://\(ObjectStore.bucket)/crash/", with: "s3://\(ObjectStore.bucket)/\(prefix)/")
                .write(to: definition, atomically: false, encoding: .utf8)
            return prefix
        }
        func bucket(_ prefix: String) throws -> [String] {
            try store.keys(prefix: "\(prefix)/prod/dt=").flatMap { try store.lines(of: $0, in: stage.work) }.sorted()
        }
        let count = stage.work.appendingPathComponent("count")
        try stage.restore()
        _ = try freshPrefix()
        let counted = try Self.run(stage, ["feed", "run", "prod"], Self.faults(root: stage.live, count: count, net: true))
        #expect(counted.status == 0, "\(counted.stderr)")
        let total = (try String(contentsOf: count, encoding: .utf8)).split(separator: "\n").compactMap { Int($0) }.reduce(0, +)
        let tried = try Self.tryPoints(stage, total: total, path: "feed run (into a bucket)", modes: [(.kill, 60), (.eio, 12), (.enospc, 12)],
                                       net: true, dataset: dataset) {
            let prefix = try freshPrefix()
            return { try bucket(prefix) }
        }
        print("CrashPointTests: feed run (into a bucket): \(total) calls and sends; crash points tried: \(tried.joined(separator: ", "))")
    }

    /// Every name a command creates, renames, links, removes or makes a directory of is synced
    /// into its directory before the command ends: the shim traces the calls, and each change
    /// of a name must be followed by an fsync of the directory holding it.
    static func unsyncedNames(_ stage: Stage, _ command: [String], stdin: Data = Data()) throws -> [String] {
        let trace = stage.work.appendingPathComponent("trace-\(UUID().uuidString)")
        // Rooted above `live`, so the syncs of `live` itself are seen too.
        var environment = stage.home.environment.merging(faults(root: stage.work)) { _, new in new }
        environment["CFACCESS_FAULT_TRACE"] = trace.path
        let outcome = try CLI.run(stage.home.arguments + command, stdin: stdin, environment: environment)
        #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
        let calls = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(calls.contains { $0.first == "create" }, "\(command): nothing traced")
        var unsynced: [String] = []
        for (index, call) in calls.enumerated() where call.count == 2 && call[0] != "fsync" {
            let directory = String(call[1][..<(call[1].lastIndex(of: "/") ?? call[1].startIndex)])
            if !calls[(index + 1)...].contains(where: { $0 == ["fsync", directory] }) { unsynced.append("\(call[0]) \(call[1])") }
        }
        return unsynced
    }

    @Test func everyNewNameIsSyncedIntoItsDirectory() throws {
        let (feed, sandbox, _) = try Self.feedStage(records: 1001, extra: ["--rotate-size", "150k", "--compress"])
        defer { try? FileManager.default.removeItem(at: feed.work); _ = sandbox }
        try feed.restore()
        #expect(try Self.unsyncedNames(feed, ["feed", "run", "prod"]) == [])
        #expect(try Self.unsyncedNames(feed, ["feed", "create", "second", "--account", SandboxProcess.account, "--token", "permitted",
                                              "--output", feed.live.appendingPathComponent("out/second.ndjson").path, "--no-check"]) == [])
        #expect(try Self.unsyncedNames(feed, ["token", "add", "extra", "--from-file", "-"],
                                       stdin: ("cfut_FakeDirectorySyncToken" + String(repeating: "0", count: 21) + "\n").bytes) == [])
        // A home made from nothing: every directory on the way is synced into its parent.
        let fresh = Stage(work: feed.work, template: feed.template, live: feed.live,
                          home: SandboxHome(moving: feed.home, to: feed.live.appendingPathComponent("new/home")))
        let unsynced = try Self.unsyncedNames(fresh, ["vault", "init", "--kdf", "interactive"])
        #expect(unsynced == [], "\(unsynced)")
    }

    /// The vault's stage: the sandbox home's vault moved under `live`.
    static func vaultStage() throws -> Stage {
        let home = try SandboxHome()
        let live = home.work.appendingPathComponent("live")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        #expect(try CLI.shell("cp -a home live/home", in: home.work) == 0)
        let stage = try Stage(SandboxHome(moving: home, to: live.appendingPathComponent("home")))
        try stage.keep()
        return stage
    }

    static func tokenNames(_ stage: Stage, passphrase: [String]? = nil) throws -> [String]? {
        let listed = try CLI.run((passphrase ?? stage.home.arguments) + ["token", "list", "--json"], environment: stage.home.environment)
        guard listed.status == 0 else { return nil }
        return (try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.sorted()
    }

    /// `token add` crashed or failed at every call: the vault opens, with the token or without.
    @Test func aTokenAddAtEveryCall() throws {
        let stage = try Self.vaultStage()
        defer { try? FileManager.default.removeItem(at: stage.work) }
        let before = try #require(try Self.tokenNames(stage))
        let after = (before + ["extra"]).sorted()
        let add = ["token", "add", "extra", "--from-file", "-"]
        let token = "cfut_FakeCrashPointToken" + String(repeating: "0", count: 24) + "\n"
        try stage.restore()
        let count = stage.work.appendingPathComponent("count")
        let counted = try CLI.run(stage.home.arguments + add, stdin: token.bytes,
                                  environment: stage.home.environment.merging(Self.faults(root: stage.live, count: count)) { _, new in new })
        #expect(counted.status == 0, "\(counted.stderr)")
        let total = (try String(contentsOf: count, encoding: .utf8)).split(separator: "\n").compactMap { Int($0) }.reduce(0, +)
        #expect(total > 5)
        var tried = 0
        for mode in Mode.allCases {
            for point in Self.points(total, most: 1000, path: "token add (\(mode))") {
                try stage.restore()
                let faulted = try CLI.run(stage.home.arguments + add, stdin: token.bytes,
                                          environment: stage.home.environment.merging(Self.faults(root: stage.live, at: point, mode: mode)) { _, new in new })
                let names = try Self.tokenNames(stage)
                let context = "token add, \(mode) at call \(point) of \(total): exit \(faulted.status) \(faulted.stderr.suffix(300))"
                #expect(names == before || names == after, "\(context): the vault holds \(names ?? ["(does not open)"])")
                if faulted.status == 0 || faulted.stderr.contains("the change is saved") { #expect(names == after, "\(context)") }
                if faulted.status != 0 && names == after && !faulted.stderr.contains("the change is saved") && mode != .kill {
                    Issue.record("\(context): the token was saved, but the message does not say so")
                }
                #expect(!faulted.stderr.contains("cfut_FakeCrashPointToken"))
                tried += 1
            }
        }
        print("CrashPointTests: token add: \(total) calls; \(tried) crash points tried (every call × kill, EIO, ENOSPC)")
    }

    /// `vault passwd` crashed or failed at every call: the vault opens with the old passphrase or
    /// the new one, and with the new one whenever the command said it was changed.
    @Test func aVaultPasswdAtEveryCall() throws {
        let stage = try Self.vaultStage()
        defer { try? FileManager.default.removeItem(at: stage.work) }
        let newFile = stage.work.appendingPathComponent("new.txt")
        try "the new test passphrase (not a secret)\n".write(to: newFile, atomically: true, encoding: .utf8)
        #expect(chmod(newFile.path, 0o600) == 0)
        let newArguments = ["--passphrase-file", newFile.path]
        let before = try #require(try Self.tokenNames(stage))
        let change = ["vault", "passwd", "--new-passphrase-file", newFile.path]
        let total = try Self.calls(stage, change)
        #expect(total > 5)
        var tried = 0
        for mode in Mode.allCases {
            for point in Self.points(total, most: 1000, path: "vault passwd (\(mode))") {
                try stage.restore()
                let faulted = try Self.run(stage, change, Self.faults(root: stage.live, at: point, mode: mode))
                // One file: when it opens with the old passphrase it cannot open with the new one.
                let old = try Self.tokenNames(stage)
                let new = old == before ? nil : try Self.tokenNames(stage, passphrase: newArguments)
                let context = "vault passwd, \(mode) at call \(point) of \(total): exit \(faulted.status) \(faulted.stderr.suffix(300))"
                #expect((old == before) != (new == before), "\(context): old passphrase \(old ?? []), new \(new ?? [])")
                if faulted.status == 0 || faulted.stderr.contains("the change is saved") { #expect(new == before, "\(context)") }
                tried += 1
            }
        }
        print("CrashPointTests: vault passwd: \(total) calls; \(tried) crash points tried (every call × kill, EIO, ENOSPC)")
    }
}

extension SandboxHome {
    /// The same vault and passphrase, with the home at `home`.
    init(moving other: SandboxHome, to home: URL) {
        self.init(work: other.work, arguments: other.arguments, environment: other.environment.merging(["CFACCESS_HOME": home.path]) { _, new in new })
    }
}
