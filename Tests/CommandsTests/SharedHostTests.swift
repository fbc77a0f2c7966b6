import Foundation
import Testing

/// A victim and a neighbour (a real second local user) on one host, sharing a sticky output
/// directory: nothing the neighbour plants receives, truncates or deletes the victim's records.
@Suite(.enabled(if: Neighbour.isPossible, "needs root, useradd and runuser to create a second local user"))
struct SharedHostTests {
    static let account = SandboxProcess.account

    /// A link planted where the victim writes events never reaches what it points at.
    @Test func aPlantedLinkNeverReceivesOutput() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let neighbour = try Neighbour()
        let shared = try Neighbour.sharedDirectory(in: home.work)
        let sandbox = try SandboxProcess(["--records", "50"])
        let vault = home.home + "/vault"
        let before = try Data(contentsOf: URL(fileURLWithPath: vault))
        let planted = shared.appendingPathComponent("events.ndjson").path
        #expect(neighbour.shell("ln -s '\(vault)' '\(planted)'") == 0)
        let fetched = try home.run(["logs", "fetch", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                    "--since", SandboxProcess.epoch, "-o", planted])
        #expect(fetched.status == 77, "\(fetched.stderr)")
        #expect(fetched.stderr.contains("refusing to write to '\(planted)': it is a symbolic link"))
        let mapped = try home.run(["map", "-o", planted, "-"], stdin: "{}\n".bytes)
        #expect(mapped.status == 77, "\(mapped.stderr)")
        let rejects = try home.run(["map", "--rejects", planted, "-"], stdin: "{}\n".bytes)
        #expect(rejects.status == 77, "\(rejects.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: vault)) == before)
    }

    /// An empty file the neighbour left open to everyone is not adopted: not by `map`, not by a feed.
    @Test func aPlantedWritableFileNeverReceivesEvents() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let neighbour = try Neighbour()
        let shared = try Neighbour.sharedDirectory(in: home.work)
        let sandbox = try SandboxProcess(["--records", "50"])
        let planted = shared.appendingPathComponent("events.ndjson").path
        #expect(neighbour.shell("touch '\(planted)' && chmod 666 '\(planted)'") == 0)
        let mapped = try home.run(["map", "-o", planted, "Tests/NormalizerTests/Goldens/users.input.ndjson"], in: CLI.projectRoot)
        #expect(mapped.status == 77, "\(mapped.stderr)")
        #expect(mapped.stderr.contains("it is owned by another user"))
        let created = try home.run(["feed", "create", "prod", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                    "--start", SandboxProcess.epoch, "--output", planted, "--no-check"])
        #expect(created.status == 0, "\(created.stderr)")
        let ran = try home.run(["feed", "run", "prod"])
        #expect(ran.status == 77, "\(ran.stderr)")
        #expect(ran.stderr.contains("'\(planted)'"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: planted)).isEmpty)
        let status = try home.run(["feed", "status", "prod"])
        #expect(status.status == 1)
        #expect(status.stdoutText.contains("failing"))
    }

    /// A FIFO at a feed's output is refused at once: the run neither hangs nor keeps the lock.
    @Test func aFIFOAtAFeedOutputIsRefusedAtOnce() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let neighbour = try Neighbour()
        let shared = try Neighbour.sharedDirectory(in: home.work)
        let sandbox = try SandboxProcess(["--records", "50"])
        let fifo = shared.appendingPathComponent("feed.ndjson").path
        #expect(neighbour.shell("mkfifo -m 666 '\(fifo)'") == 0)
        #expect(try home.run(["feed", "create", "prod", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                              "--start", SandboxProcess.epoch, "--output", fifo, "--no-check"]).status == 0)
        for _ in 0..<2 {
            let ran = try home.run(["feed", "run", "prod"])
            #expect(ran.status == 77, "\(ran.stderr)")
            #expect(ran.stderr.contains("refusing to write to '\(fifo)': it is a FIFO"))
        }
    }

    /// The neighbour knows which names rotation will give (they come from the records' times)
    /// and plants them, compressed and temporary, before the victim's feed runs: every event is
    /// still delivered, the planted files are left as they were, and no `.gz` is skipped.
    @Test func plantedRotationNamesLoseNoEvent() throws {
        let neighbour = try Neighbour()
        let data = ["--records", "1200", "--seed", "21"]
        let sandbox = try SandboxProcess(data + ["--max-page-size", "200"])
        func feedRun(_ home: SandboxHome, output: String) throws -> CLI.Outcome {
            let created = try home.run(["feed", "create", "prod", "--account", Self.account, "--token", "permitted", "--base-url", sandbox.baseURL,
                                        "--start", SandboxProcess.epoch, "--output", output, "--format", "raw", "--rotate-size", "100K",
                                        "--compress", "--no-check"])
            #expect(created.status == 0, "\(created.stderr)")
            return try home.run(["feed", "run", "prod"])
        }
        // A rehearsal in a directory of its own tells the names.
        let rehearsal = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: rehearsal.work) }
        let rehearsalShared = try Neighbour.sharedDirectory(in: rehearsal.work)
        #expect(try feedRun(rehearsal, output: rehearsalShared.appendingPathComponent("prod.ndjson").path).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: rehearsalShared.path).filter { $0.hasSuffix(".ndjson.gz") }
        #expect(names.count >= 2)

        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let shared = try Neighbour.sharedDirectory(in: home.work)
        let dataset = try SandboxProcess.dataset(data, in: home.work)
        for name in names {
            let path = shared.appendingPathComponent(name).path
            #expect(neighbour.shell("echo planted > '\(path)' && echo planted > '\(path).tmp' && echo planted > '\(path.dropLast(3))'") == 0)
        }
        let ran = try feedRun(home, output: shared.appendingPathComponent("prod.ndjson").path)
        #expect(ran.status == 0, "\(ran.stderr)")
        var delivered: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: shared.path) where !file.contains("rejects") {
            let path = shared.appendingPathComponent(file).path
            var info = stat()
            #expect(lstat(path, &info) == 0)
            if info.st_uid == neighbour.uid {
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "planted\n", "\(file) was changed")
                continue
            }
            let text: String
            if file.hasSuffix(".gz") {
                let gunzip = Process()
                gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
                gunzip.arguments = ["-dc", path]
                let pipe = Pipe()
                gunzip.standardOutput = pipe
                try gunzip.run()
                text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                gunzip.waitUntilExit()
            } else {
                text = try String(contentsOfFile: path, encoding: .utf8)
            }
            delivered += text.split(separator: "\n").map(String.init)
        }
        #expect(delivered.count == dataset.count)
        #expect(delivered.sorted() == dataset.sorted())
    }

    /// A loopback port the neighbour listens on never receives the victim's token over plain
    /// http; the victim's own sandbox keeps working.
    @Test func aTokenIsNeverSentToAPortAnotherUserHolds() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let neighbour = try Neighbour()
        let port = Int.random(in: 20_000...40_000)
        // Stopped with everything else of the neighbour's when it is removed.
        #expect(neighbour.shell("python3 -m http.server \(port) --bind 127.0.0.1 >/dev/null 2>&1 &") == 0)
        let probe = "import socket; socket.create_connection(('127.0.0.1', \(port)), 0.2)"
        #expect(waitUntil(timeout: 10) { (try? CLI.shell("python3 -c \"\(probe)\" 2>/dev/null", in: home.work)) == 0 })
        let refused = try home.run(["token", "check-scopes", "permitted", "--account", Self.account, "--base-url", "http://127.0.0.1:\(port)/client/v4"])
        #expect(refused.status == 77, "\(refused.stdoutText) \(refused.stderr)")
        #expect((refused.stdoutText + refused.stderr).contains("port \(port) is held by another user, '\(neighbour.name)'"))
        let fetched = try home.run(["logs", "fetch", "--account", Self.account, "--token", "permitted", "--since", "1h",
                                    "--base-url", "http://localhost:\(port)/client/v4"])
        #expect(fetched.status == 77, "\(fetched.stderr)")
        let sandbox = try SandboxProcess(["--records", "10"])
        #expect(try home.run(["token", "check-scopes", "permitted", "--account", Self.account, "--base-url", sandbox.baseURL]).status == 0)
    }

    /// An object store's endpoint on a loopback port the neighbour listens on never receives
    /// the signed request (it would carry the key id and a signature): refused before anything
    /// is sent, and the neighbour's server logs no request.
    @Test func aStoreKeyIsNeverSentToAPortAnotherUserHolds() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let neighbour = try Neighbour()
        let port = Int.random(in: 20_000...40_000)
        let log = "/tmp/cfaccess-neighbour-\(port).log"
        defer { unlink(log) }
        #expect(neighbour.shell("python3 -m http.server \(port) --bind 127.0.0.1 >\(log) 2>&1 &") == 0)
        let probe = "import socket; socket.create_connection(('127.0.0.1', \(port)), 0.2)"
        #expect(waitUntil(timeout: 10) { (try? CLI.shell("python3 -c \"\(probe)\" 2>/dev/null", in: home.work)) == 0 })
        let added = try home.run(["storage", "add", "lake", "--endpoint", "http://127.0.0.1:\(port)", "--access-key-id", "CFACCESSTESTKEY",
                                  "--from-file", "-"], stdin: Data("test-secret-key-not-a-real-one\n".utf8))
        #expect(added.status == 0)
        let refused = try home.run(["storage", "check", "lake", "--bucket", "lake"])
        #expect(refused.status == 77, "\(refused.stdoutText) \(refused.stderr)")
        #expect(refused.stdoutText.contains("port \(port) is held by another user, '\(neighbour.name)'"), "\(refused.stdoutText)")
        let served = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(!served.contains("HTTP/1."), "the neighbour's server saw a request: \(served)")
    }

    /// systemd's layout of `$CREDENTIALS_DIRECTORY`: root owns the directory (0500) and the
    /// credential (0400), and an ACL lets the service user read both. The service user's
    /// cfaccess accepts that passphrase; a credential others may write is still refused.
    @Test func aSystemdCredentialOwnedByRootIsAccepted() throws {
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let neighbour = try Neighbour()
        chmod(work.path, 0o755)
        let credentials = work.appendingPathComponent("credentials")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: false)
        let credential = credentials.appendingPathComponent("cfaccess-passphrase")
        try "systemd credential passphrase (test only)\n".write(to: credential, atomically: false, encoding: .utf8)
        let layout = "chmod 0500 credentials && chmod 0400 credentials/cfaccess-passphrase"
            + " && setfacl -m u:\(neighbour.name):rx credentials && setfacl -m u:\(neighbour.name):r credentials/cfaccess-passphrase"
        #expect(try CLI.shell(layout, in: work) == 0)
        let shared = try Neighbour.sharedDirectory(in: work)
        let home = shared.appendingPathComponent("service-home").path
        let log = shared.appendingPathComponent("log").path
        #expect(neighbour.shell("mkdir -m 700 '\(home)' && touch '\(log)'") == 0)
        let cfaccess = "CFACCESS_HOME='\(home)' CREDENTIALS_DIRECTORY='\(credentials.path)' '\(CLI.executable.path)'"
        let initialised = neighbour.shell("\(cfaccess) vault init --kdf interactive >>'\(log)' 2>&1 && \(cfaccess) vault status >>'\(log)' 2>&1")
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(initialised == 0, "\(output)")
        #expect(output.contains("entries:     0"), "\(output)")
        // A credential someone besides root could rewrite (here through an ACL) is not trusted.
        #expect(try CLI.shell("setfacl -m u:\(neighbour.name):rw credentials/cfaccess-passphrase", in: work) == 0)
        #expect(neighbour.shell("\(cfaccess) vault status >'\(log)' 2>&1") == 77)
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("may be written by users other than root"))
    }

    /// A passphrase file the user may not read is named as such, with a hint about reading
    /// (not writing).
    @Test func anUnreadablePassphraseFileHintsAtReading() throws {
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let neighbour = try Neighbour()
        let shared = try Neighbour.sharedDirectory(in: work)
        let sealed = work.appendingPathComponent("sealed.txt").path
        try "a passphrase only root reads (test only)\n".write(toFile: sealed, atomically: true, encoding: .utf8)
        chmod(sealed, 0o600)
        let log = shared.appendingPathComponent("log").path
        let status = neighbour.shell("CFACCESS_HOME='\(shared.path)/home' '\(CLI.executable.path)' --passphrase-file '\(sealed)' vault init >'\(log)' 2>&1")
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(status == 66, "\(output)")
        #expect(output.contains("check that you may read '\(sealed)'"), "\(output)")
        #expect(!output.contains("may write"), "\(output)")
    }
}
