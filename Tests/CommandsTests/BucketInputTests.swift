import Foundation
import Testing
import TestSupport

/// What comes back from a bucket is input: a shared feed against a store that someone else can
/// write (`scripts/s3_hostile.py`, an in-memory S3 on loopback the test starts, with objects
/// planted and listings that lie) refuses what it cannot believe (78, naming the key) and never
/// deletes, copies, traps, loops or starts over from an empty checkpoint.
@Suite struct BucketInputTests {
    static let data = ["--records", "300", "--seed", "4", "--epoch", "2025-07-01T00:00:00Z", "--max-page-size", "100"]
    static let root = "cloudflare/prod/"
    static let base = root + "_cfaccess/"

    /// The hostile store, with `planted` objects (bucket/key → text) and its behaviour options.
    final class HostileStore {
        let process = Process()
        let endpoint: String
        let requestLog: URL

        init(planted: [String: String] = [:], options: [String] = [], in directory: URL) throws {
            let plant = directory.appendingPathComponent("planted.json")
            try JSONEncoder().encode(planted).write(to: plant)
            requestLog = directory.appendingPathComponent("hostile-requests.log")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [CLI.projectRoot.appendingPathComponent("scripts/s3_hostile.py").path, "--plant", plant.path,
                                 "--log", requestLog.path] + options
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            endpoint = "http://127.0.0.1:" + (try SandboxProcess.announced(on: pipe))
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        var requests: [String] { ((try? String(contentsOf: requestLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
    }

    /// A home with the store `lake` at `store` and a shared feed `prod` into `s3://lake/cloudflare/`.
    static func home(store: HostileStore, sandbox: SandboxProcess) throws -> SandboxHome {
        let home = try SandboxHome()
        let added = try home.run(["storage", "add", "lake", "--endpoint", store.endpoint, "--access-key-id", "CFACCESSTESTKEY", "--from-file", "-"],
                                 stdin: Data("test-secret-key-not-a-real-one\n".utf8))
        #expect(added.status == 0, "\(added.stderr)")
        let created = try home.run(["feed", "create", "prod", "--account", SandboxProcess.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                    "--start", "2025-06-30T23:00:00Z", "--format", "raw", "--output", "s3://lake/cloudflare/", "--storage", "lake",
                                    "--shared", "--lease", "5s", "--no-check"])
        #expect(created.status == 0, "\(created.stderr)")
        return home
    }

    /// A commit record as cfaccess writes it, naming one object.
    static func commit(_ sequence: Int, key: String, staging: String, total: Int = 0) -> String {
        let hash = String(repeating: "ab", count: 32)
        return #"{"sequence":\#(sequence),"holder":"planter/1","nonce":"n\#(sequence)","objects":[{"kind":"events","key":"\#(key)","staging":"\#(staging)","sha256":"\#(hash)","size":10,"records":1,"first":"2025-07-01T00:00:00Z","last":"2025-07-01T00:00:00Z"}],"checkpoint":{"delivered":{},"totalDelivered":\#(total),"totalRejected":0}}"#
    }

    static func commitKey(_ sequence: Int) -> String {
        let digits = String(sequence)
        return base + "commits/" + String(repeating: "0", count: 20 - digits.count) + digits
    }

    /// Commit 1 names a staged object outside the feed's staging folder (a victim with the right
    /// hash beside it): the run refuses it (78, naming the commit and the key) and deletes nothing.
    @Test(arguments: ["secrets/victim.txt", "../other/victim.txt", root + "_cfaccess/staging/9/x/victim.txt"])
    func aCommitNamingAKeyOutsideTheFeedIsRefused(_ staging: String) throws {
        let sandbox = try SandboxProcess(Self.data)
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let planted = ["lake/secrets/victim.txt": "do not delete", "lake/" + Self.commitKey(1): Self.commit(1, key: Self.root + "dt=2025-07-01/x.ndjson.gz", staging: staging)]
        let store = try HostileStore(planted: planted, in: work)
        let home = try Self.home(store: store, sandbox: sandbox)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("'\(Self.commitKey(1))' cannot be followed") && run.stderr.contains(staging), "\(run.stderr)")
        let touched = store.requests.filter { ($0.hasPrefix("DELETE ") || $0.hasPrefix("PUT ")) && ($0.contains("victim") || $0.contains("other")) }
        #expect(touched.isEmpty, "\(touched)")
        let status = try home.run(["feed", "status", "prod"])
        #expect(status.status == 1 && status.stdoutText.contains("failing"), "\(status.stdoutText)")
    }

    /// Numbers at the integers' limits in a lease or a commit key stop the feed with 78, never a trap.
    @Test(arguments: [
        ["lease": #"{"holder":"planter/1","term":1,"nonce":"a","lease":1e300,"since":""}"#],
        ["lease": #"{"holder":"planter/1","term":9223372036854775807,"nonce":"a","lease":5,"since":"","released":true}"#],
        ["commits/09223372036854775807": "{}"],
    ])
    func numbersOutOfBoundsStopTheFeed(_ planted: [String: String]) throws {
        let sandbox = try SandboxProcess(Self.data)
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let store = try HostileStore(planted: Dictionary(uniqueKeysWithValues: planted.map { ("lake/" + Self.base + $0.key, $0.value) }), in: work)
        let home = try Self.home(store: store, sandbox: sandbox)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 78, "\(run.status) \(run.stderr)")
        #expect(run.stderr.contains(Self.base + planted.keys.first!), "\(run.stderr)")
    }

    /// A listing shows commit 2, which GET answers 404 for: after a few tries the feed stops
    /// (78); it never adopts an empty checkpoint and collects everything again.
    @Test func aListedCommitThatCannotBeReadStopsTheFeed() throws {
        let sandbox = try SandboxProcess(Self.data)
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let planted = ["lake/" + Self.commitKey(2): Self.commit(2, key: Self.root + "dt=2025-07-01/x.ndjson.gz", staging: Self.base + "staging/2/x/x.ndjson.gz")]
        let store = try HostileStore(planted: planted, options: ["--missing", "commits/00000000000000000002"], in: work)
        let home = try Self.home(store: store, sandbox: sandbox)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("answers 404"), "\(run.stderr)")
        #expect(!store.requests.contains { $0.hasPrefix("PUT ") && $0.contains("/staging/") }, "it collected and staged records")
    }

    /// The listing hides commit 2, which exists: the take-over's fence at 2 is refused, no newer
    /// commit is listed, and after backing off a bounded number of rounds the feed stops (78).
    @Test func aListingThatHidesTheNewestCommitStopsTheFeed() throws {
        let sandbox = try SandboxProcess(Self.data)
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        func empty(_ sequence: Int) -> String {
            #"{"sequence":\#(sequence),"holder":"p/1","nonce":"n\#(sequence)","objects":[],"checkpoint":{"delivered":{},"totalDelivered":0,"totalRejected":0}}"#
        }
        let planted = ["lake/" + Self.commitKey(1): empty(1), "lake/" + Self.commitKey(2): empty(2)]
        let store = try HostileStore(planted: planted, options: ["--hide", "commits/00000000000000000002"], in: work)
        let home = try Self.home(store: store, sandbox: sandbox)
        let run = try home.run(["feed", "run", "prod"])
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("listing does not show it"), "\(run.stderr)")
        let listings = store.requests.filter { $0.contains("list-type=2") && $0.contains("commits") }.count
        #expect(listings < 20, "\(listings) listings of the commit log")
    }

    /// A listing that ignores `start-after` (every page the first) is refused on its second page.
    @Test func aListingThatDoesNotAdvanceIsRefused() throws {
        let sandbox = try SandboxProcess(Self.data)
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var planted: [String: String] = [:]
        for sequence in 1...1000 { planted["lake/" + Self.commitKey(sequence)] = #"{"sequence":\#(sequence),"holder":"p/1","nonce":"n","objects":[],"checkpoint":{"delivered":{},"totalDelivered":0,"totalRejected":0}}"# }
        let store = try HostileStore(planted: planted, options: ["--same-page"], in: work)
        let home = try Self.home(store: store, sandbox: sandbox)
        let verify = try home.run(["feed", "verify", "prod"])
        #expect(verify.status == 78, "\(verify.stderr)")
        #expect(verify.stderr.contains("does not come after it"), "\(verify.stderr)")
        #expect(store.requests.filter { $0.contains("list-type=2") }.count < 10)
    }

    /// A committed object whose body never ends is read one byte past its recorded size, and
    /// `feed verify` calls it altered.
    @Test func anEndlessObjectIsReadOnlyToItsSize() throws {
        let sandbox = try SandboxProcess(Self.data)
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let key = Self.root + "dt=2025-07-01/prod.x.ndjson.gz"
        let planted = ["lake/" + Self.commitKey(1): Self.commit(1, key: key, staging: Self.base + "staging/1/x/prod.x.ndjson.gz"), "lake/" + key: "0123456789"]
        let store = try HostileStore(planted: planted, options: ["--endless", "dt=2025-07-01"], in: work)
        let home = try Self.home(store: store, sandbox: sandbox)
        let verify = try home.run(["feed", "verify", "prod"])
        #expect(verify.status == 1, "\(verify.stdoutText)\(verify.stderr)")
        #expect(verify.stdoutText.contains("altered"), "\(verify.stdoutText)")
    }

    /// An s3:// output whose prefix climbs out (`..`), or has `.` or empty segments, is refused.
    @Test(arguments: ["s3://lake/../other/", "s3://lake/a/./b/", "s3://lake/a//b/", "s3://lake/.."])
    func anOutputPrefixThatClimbsOutIsRefused(_ output: String) throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let created = try home.run(["feed", "create", "dots", "--account", SandboxProcess.account, "--token", "permitted", "--output", output,
                                    "--storage", "lake", "--no-check"])
        #expect(created.status == 64, "\(created.stderr)")
        #expect(created.stderr.contains("empty, '.' or '..' segment"), "\(created.stderr)")
        let check = try home.run(["storage", "check", "lake", "--bucket", "lake", "--prefix", "../other/"])
        #expect(check.status == 64, "\(check.stderr)")
    }
}
