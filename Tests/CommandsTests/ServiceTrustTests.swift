import Foundation
import Testing

/// `feed run --all --follow` as a service facing what operators do around it: an unsafe state
/// file, a metrics file that cannot be written, tokens rotated or removed, a new passphrase.
@Suite struct ServiceTrustTests {
    static let account = SandboxProcess.account

    /// A following service with JSON logs on stderr, stopped (SIGTERM) when released.
    final class Service {
        let process = Process()
        let log: URL

        init(_ home: SandboxHome, _ extra: [String] = []) throws {
            log = home.work.appendingPathComponent("service-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = CLI.executable
            process.arguments = home.arguments + ["--log-format", "json", "feed", "run", "--all", "--follow", "--interval", "1s"] + extra
            process.environment = home.environment
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        }

        deinit { stop() }

        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }

        /// The log's JSON objects, in order, each value as text (counts are JSON numbers).
        var records: [[String: String]] {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?.mapValues { "\($0)" }
            }
        }

        func events(_ name: String) -> [[String: String]] { records.filter { $0["event"] == name } }
    }

    static func createFeed(_ home: SandboxHome, _ sandbox: SandboxProcess, name: String = "prod") throws {
        let created = try home.run(["feed", "create", name, "--account", account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                    "--start", SandboxProcess.epoch, "--format", "raw", "--output",
                                    home.work.appendingPathComponent("\(name).ndjson").path, "--no-check"])
        #expect(created.status == 0, "\(created.stderr)")
    }

    static func state(_ home: SandboxHome, _ name: String = "prod") -> [String: Any] {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: home.home + "/state/\(name).json"))) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
    }

    static func lastError(_ home: SandboxHome) -> String {
        ((state(home)["lastRun"] as? [String: Any])?["error"] as? String) ?? ""
    }

    static func seconds(_ time: String?) -> Double {
        guard let time, let date = ISO8601DateFormatter.withFractions.date(from: time) else { return 0 }
        return date.timeIntervalSince1970
    }

    /// A state file opened to others is a failing feed in every view and in the metrics, is
    /// backed off like any failure, and recovers once fixed; polls that find nothing log nothing.
    @Test func anUnsafeStateFileIsAFailingFeedEverywhere() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "200", "--seed", "8"])
        try Self.createFeed(home, sandbox)
        #expect(try home.run(["feed", "run", "prod"]).status == 0)
        let statePath = home.home + "/state/prod.json"
        #expect(chmod(statePath, 0o644) == 0)
        let status = try home.run(["feed", "status", "prod"])
        #expect(status.status == 1)
        #expect(status.stdoutText.contains("failing"), "\(status.stdoutText)")
        #expect(status.stdoutText.contains("accessible by other users"), "\(status.stdoutText)")
        #expect(try home.run(["feed", "list"]).stdoutText.contains("failing"))
        #expect(try home.run(["feed", "show", "prod"]).stdoutText.contains("last error:  '\(statePath)' is accessible by other users"))

        let metrics = home.work.appendingPathComponent("cfaccess.prom")
        let service = try Service(home, ["--metrics-file", metrics.path])
        #expect(waitUntil { service.events("failed").count >= 3 })
        #expect(((try? String(contentsOf: metrics, encoding: .utf8)) ?? "").contains("cfaccess_feed_up{feed=\"prod\"} 0"))
        let times = service.events("failed").prefix(3).map { Self.seconds($0["time"]) }
        // Backed off: 1 s, then 2 s (±10 % jitter).
        #expect(times[2] - times[1] > 1.4 * (times[1] - times[0]), "\(times)")
        #expect(chmod(statePath, 0o600) == 0)
        #expect(waitUntil { !service.events("recovered").isEmpty })
        let recovered = Self.seconds(service.events("recovered").first?["time"])
        // Two more cycles with nothing new: not a line about them.
        #expect(waitUntil { Self.seconds((Self.state(home)["lastRun"] as? [String: Any])?["ended"] as? String) > recovered + 1.5 })
        #expect(service.events("run").isEmpty, "\(service.records)")
        #expect(waitUntil { ((try? String(contentsOf: metrics, encoding: .utf8)) ?? "").contains("cfaccess_feed_up{feed=\"prod\"} 1") })
        service.stop()
    }

    /// A metrics file that cannot be written is said once, not every cycle.
    @Test func anUnwritableMetricsFileIsSaidOnce() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "50"])
        try Self.createFeed(home, sandbox)
        let service = try Service(home, ["--metrics-file", home.work.appendingPathComponent("missing/cfaccess.prom").path])
        #expect(waitUntil { Self.seconds((Self.state(home)["lastRun"] as? [String: Any])?["ended"] as? String) > 0 })
        let first = Self.seconds((Self.state(home)["lastRun"] as? [String: Any])?["ended"] as? String)
        #expect(waitUntil { Self.seconds((Self.state(home)["lastRun"] as? [String: Any])?["ended"] as? String) > first + 2 })
        let said = service.events("metrics")
        #expect(said.count == 1, "\(said)")
        #expect(said.first?["message"]?.contains("cannot write the metrics file") == true)
        service.stop()
    }

    /// The running service follows the vault: a rotated token is used from the next request,
    /// a removed one fails its feed by name, and a vault it can no longer open fails every
    /// feed with the hint to restart. `token remove` refuses while a feed uses the token.
    @Test func theServiceFollowsTheVault() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let sandbox = try SandboxProcess(["--records", "50"])
        try Self.createFeed(home, sandbox)
        let service = try Service(home)
        #expect(waitUntil { Self.state(home)["lastSuccess"] != nil })

        let rotated = try home.run(["token", "rotate", "permitted", "--from-file", "-"], stdin: (SandboxProcess.tokens["noPermission"]! + "\n").bytes)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stderr.contains("feed 'prod' now use"), "\(rotated.stderr)")
        kill(service.process.processIdentifier, SIGHUP)
        #expect(waitUntil { Self.lastError(home).contains("10000") }, "\(Self.lastError(home))")

        let refused = try home.run(["token", "remove", "permitted"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("token 'permitted' is used by feed 'prod'"))
        #expect(try home.run(["token", "remove", "permitted", "--force"]).status == 0)
        #expect(waitUntil { Self.lastError(home).contains("token 'permitted' was removed from the vault") }, "\(Self.lastError(home))")

        let newPass = home.work.appendingPathComponent("new-pass.txt")
        try "another test passphrase (not a secret)\n".write(to: newPass, atomically: true, encoding: .utf8)
        chmod(newPass.path, 0o600)
        #expect(try home.run(["vault", "passwd", "--new-passphrase-file", newPass.path]).status == 0)
        #expect(waitUntil { Self.lastError(home).contains("can no longer be opened") }, "\(Self.lastError(home))")
        service.stop()
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
