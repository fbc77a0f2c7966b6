import Foundation
import Testing
@testable import Commands
@testable import Mapping

/// `cfaccess map` as a user meets it: exit codes, diagnostics, rejects, files and gzip.
@Suite struct MapCommandTests {
    static let good = #"{"user_email":"a@example.com","action":"login","allowed":true,"created_at":"2025-07-01T00:00:00Z","app_domain":"wiki.example.com"}"#

    struct RejectionCase: CustomTestStringConvertible, Sendable {
        var id: String
        var input: String
        var diagnostic: String
        var testDescription: String { id }
    }

    /// Each kind of bad input, the exact line it prints, and that the good record after it still flows.
    static let rejectionCases: [RejectionCase] = [
        .init(id: "invalid JSON", input: #"{"user_email":"a@example.com","#,
              diagnostic: "<stdin>:1: invalid JSON: unexpected character '{'"),
        .init(id: "unterminated string", input: #"{"user_email":"a@exam"#,
              diagnostic: "<stdin>:1: invalid JSON: unterminated string"),
        .init(id: "not an object", input: #""just a string""#, diagnostic: "<stdin>:1: not a JSON object"),
        .init(id: "not an access request", input: #"{"ActionType":"create","ActorEmail":"admin@example.com","When":"2025-07-01T00:00:00Z"}"#,
              diagnostic: "<stdin>:1: not an access request"),
        .init(id: "no user identity", input: #"{"action":"login","created_at":"2025-07-01T00:00:00Z"}"#,
              diagnostic: "<stdin>:1: no user identity"),
        .init(id: "missing time", input: #"{"Email":"a@example.com","Action":"login"}"#,
              diagnostic: "<stdin>:1: missing CreatedAt"),
        .init(id: "unparseable time", input: #"{"user_email":"a@example.com","created_at":"2025-13-01T00:00:00Z"}"#,
              diagnostic: #"<stdin>:1: unparseable time "2025-13-01T00:00:00Z""#),
        .init(id: "API error", input: #"{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"result":null}"#,
              diagnostic: "<stdin>:1: API error response: 10000 Authentication error"),
    ]

    @Test(arguments: rejectionCases)
    func rejectsBadInputAndKeepsGoing(_ testCase: RejectionCase) throws {
        let outcome = try CLI.run(["map"], stdin: (testCase.input + "\n" + Self.good + "\n").bytes)
        #expect(outcome.status == 65)
        #expect(outcome.stderr == """
            \(testCase.diagnostic)
            cfaccess: map: 2 records read, 1 event written, 1 rejected
            cfaccess: error: 1 record rejected
            cfaccess: hint: keep rejected records with --rejects PATH

            """)
        #expect(outcome.stdoutText.split(separator: "\n").count == 1)
        #expect(outcome.stdoutText.contains(#""user":{"email_addr":"a@example.com""#))
    }

    @Test func rejectsFileKeepsOriginalBytes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rejects = directory.appendingPathComponent("rejects.ndjson")
        var input = Data(#"{"user_email":"caf\#u{E9}@example.com","created_at":"nope"}"#.utf8)
        input.append(contentsOf: [0x0A, 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D, 0x0A]) // {"\xFF":1} — invalid UTF-8
        input.append((Self.good + "\n").bytes)
        let outcome = try CLI.run(["map", "--rejects", rejects.path], stdin: input)
        #expect(outcome.status == 65)
        let kept = try Data(contentsOf: rejects)
        var expected = Data(#"{"user_email":"caf\#u{E9}@example.com","created_at":"nope"}"#.utf8)
        expected.append(contentsOf: [0x0A, 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D, 0x0A])
        #expect(kept == expected)
        #expect(outcome.stderr.contains("cfaccess: hint: rejected records are in '\(rejects.path)'"))
        #expect(outcome.stdoutText.split(separator: "\n").count == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: rejects.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func strictStopsAtTheFirstRejection() throws {
        let input = [Self.good, #"{"no":"identity"}"#, Self.good].joined(separator: "\n") + "\n"
        let outcome = try CLI.run(["map", "--strict"], stdin: input.bytes)
        #expect(outcome.status == 65)
        #expect(outcome.stdoutText.split(separator: "\n").count == 1)
        #expect(outcome.stderr.hasPrefix("<stdin>:2: not an access request\ncfaccess: map: 2 records read, 1 event written, 1 rejected\n"))
    }

    @Test func showsTwentyRejectionsThenCounts() throws {
        let input = String(repeating: "[]x\n", count: 0) + (1...25).map { "bad line \($0)" }.joined(separator: "\n") + "\n"
        let outcome = try CLI.run(["map"], stdin: input.bytes)
        #expect(outcome.status == 65)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("<stdin>:") }.count == 20)
        #expect(lines.contains("<stdin>:20: invalid JSON: unexpected character 'b'"))
        #expect(lines.contains("cfaccess: map: 5 more rejected records not shown"))
        #expect(lines.contains("cfaccess: map: 25 records read, 0 events written, 25 rejected"))
    }

    @Test func missingInputIsExit66AndCreatesNoOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.ndjson")
        try (Self.good + "\n").bytes.write(to: good)
        let output = directory.appendingPathComponent("out.ndjson")
        let outcome = try CLI.run(["map", good.path, directory.appendingPathComponent("missing.ndjson").path, "-o", output.path])
        #expect(outcome.status == 66)
        #expect(outcome.stderr == "cfaccess: error: cannot open '\(directory.path)/missing.ndjson': no such file or directory\n")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func uncreatableOutputIsExit73() throws {
        let outcome = try CLI.run(["map", "-o", "/nonexistent-directory/out.ndjson"], stdin: (Self.good + "\n").bytes)
        #expect(outcome.status == 73)
        #expect(outcome.stderr == "cfaccess: error: cannot create '/nonexistent-directory/out.ndjson': no such file or directory\n")
    }

    @Test func outputOverAnInputIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("records.ndjson")
        try (Self.good + "\n").bytes.write(to: file)
        let outcome = try CLI.run(["map", file.path, "-o", file.path])
        #expect(outcome.status == 64)
        #expect(try Data(contentsOf: file) == (Self.good + "\n").bytes)
    }

    struct UsageCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageCases: [UsageCase] = [
        .init(arguments: ["map", "--frobnicate"], message: "cfaccess: error: unknown option '--frobnicate'"),
        .init(arguments: ["map", "--ocsf-version", "1.1.0"], message: "cfaccess: error: unsupported OCSF version '1.1.0' (supported: 1.8.0)"),
        .init(arguments: ["map", "--from", "syslog"], message: "cfaccess: error: the value 'syslog' is invalid for '--from <from>'"),
        .init(arguments: ["map", "--profile", "cloud"], message: "cfaccess: error: the value 'cloud' is invalid for '--profile <name>'"),
        .init(arguments: ["map", "--jobs", "0"], message: "cfaccess: error: --jobs must be between 1 and 256"),
        .init(arguments: ["map", "--jobs", "many"], message: "cfaccess: error: the value 'many' is invalid for '--jobs <n>'"),
        .init(arguments: ["mpa"], message: "cfaccess: error: unknown command 'mpa'\ncfaccess: hint: did you mean 'map'?"),
    ]

    @Test(arguments: usageCases)
    func usageErrorsAreExit64(_ testCase: UsageCase) throws {
        let outcome = try CLI.run(testCase.arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix(testCase.message), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func gzipInputMatchesPlainInput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = (0..<50).map { #"{"Email":"u\#($0)@example.com","CreatedAt":\#(1_751_328_000 + $0),"Action":"login","AppDomain":"a.example.com"}"# }
        let plain = directory.appendingPathComponent("plain.ndjson")
        try (records.joined(separator: "\n") + "\n").bytes.write(to: plain)
        // Two gzip members back to back, as Logpush batches can be.
        for (index, half) in [records[..<25], records[25...]].enumerated() {
            try (half.joined(separator: "\n") + "\n").bytes.write(to: directory.appendingPathComponent("part\(index)"))
            try shell("gzip -n -c part\(index) >> logpush.ndjson.gz", in: directory)
        }
        let fromPlain = try CLI.run(["map", plain.path])
        let fromGzip = try CLI.run(["map", directory.appendingPathComponent("logpush.ndjson.gz").path])
        #expect(fromGzip.status == 0)
        #expect(fromGzip.stdout == fromPlain.stdout)
        #expect(fromGzip.stdoutText.split(separator: "\n").count == 50)
        let fromStdin = try CLI.run(["map", "-"], stdin: try Data(contentsOf: directory.appendingPathComponent("logpush.ndjson.gz")))
        #expect(fromStdin.stdout == fromPlain.stdout)
    }

    @Test func damagedGzipKeepsWhatDecompressedAndFails() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SeededRandom()
        let records = (0..<2000).map { #"{"Email":"u\#($0)@example.com","CreatedAt":\#(1_751_328_000 + $0),"RayID":"\#(String(generator.next() as UInt64, radix: 16))"}"# }
        try (records.joined(separator: "\n") + "\n").bytes.write(to: directory.appendingPathComponent("all.ndjson"))
        // Keep the first half of the compressed stream: a transfer cut short.
        try shell("gzip -n -c all.ndjson > all.gz && head -c $(( $(wc -c < all.gz) / 2 )) all.gz > cut.gz", in: directory)
        let outcome = try CLI.run(["map", "cut.gz"], in: directory)
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("cfaccess: error: cannot decompress 'cut.gz'"))
        let events = outcome.stdoutText.split(separator: "\n").count
        #expect(events > 0 && events < 2000, "\(generator.replay)")
    }

    @Test func namesEachFileInDiagnostics() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "\n\nnot json\n".bytes.write(to: directory.appendingPathComponent("one.ndjson"))
        let outcome = try CLI.run(["map", "one.ndjson", "-"], stdin: (Self.good + "\n{}\n").bytes, in: directory)
        #expect(outcome.status == 65)
        #expect(outcome.stderr.hasPrefix("one.ndjson:3: invalid JSON: unexpected character 'o'\n<stdin>:2: not an access request\n"))
    }

    @Test func writesOutputFilePrivately() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("events.ndjson")
        let outcome = try CLI.run(["map", "--output", output.path, "--account", "acc-1"], stdin: (Self.good + "\n").bytes)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "cfaccess: map: 1 record read, 1 event written, 0 rejected\n")
        let event = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        #expect((event?["metadata"] as? [String: Any])?["tenant_uid"] as? String == "acc-1")
        let mode = try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Many blocks on two threads give what one thread gives, from a file, gzip and a pipe:
    /// the same events, rejects and FILE:LINE diagnostics.
    @Test func twoThreadsGiveWhatOneGives() throws {
        var random = SeededRandom()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("mixed.ndjson")
        try Data(SampleRecords.mixedInput(lines: 20_000, using: &random)).write(to: input)
        try shell("gzip -n -k mixed.ndjson", in: directory)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let one = try CLI.run(["map", "--jobs", "1", "--rejects", path("one.rejects"), input.path])
        #expect(one.status == 65)
        #expect(one.stdout.count > 4 * MapJob.defaultBlockSize, "several blocks")
        for (source, name) in [(input.path, input.path), (path("mixed.ndjson.gz"), path("mixed.ndjson.gz"))] {
            let two = try CLI.run(["map", "--jobs", "2", "--rejects", path("two.rejects"), source])
            #expect(two.stdout == one.stdout, "\(source), \(random.replay)")
            #expect(two.stderr == one.stderr.replacingOccurrences(of: input.path + ":", with: name + ":")
                .replacingOccurrences(of: "one.rejects", with: "two.rejects"), "\(random.replay)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path("two.rejects"))) == Data(contentsOf: URL(fileURLWithPath: path("one.rejects"))))
        }
        let command = "cat mixed.ndjson | '\(CLI.executable.path)' map --jobs 2 -o piped.ndjson --rejects piped.rejects 2> piped.err"
        #expect(try CLI.shell(command, in: directory) == 65)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("piped.ndjson"))) == one.stdout, "\(random.replay)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("piped.rejects"))) == Data(contentsOf: URL(fileURLWithPath: path("one.rejects"))))
        let pipedErrors = try String(contentsOfFile: path("piped.err"), encoding: .utf8)
        #expect(pipedErrors == one.stderr.replacingOccurrences(of: input.path + ":", with: "<stdin>:")
            .replacingOccurrences(of: "rejected records are in '\(path("one.rejects"))'", with: "rejected records are in 'piped.rejects'"))
    }

    /// Ctrl-C reaches `map` while its threads work and it waits for more input: exit 130, and
    /// the output holds whole events, the first ones of the input in order.
    @Test func ctrlCLeavesWholeEventsInOrder() throws {
        var random = SeededRandom()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("incoming")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let output = directory.appendingPathComponent("events.ndjson")
        let log = directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let records = (0..<6000).map { SampleRecords.apiRecord($0) }.joined(separator: "\n") + "\n"
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["map", "--jobs", "2", fifo.path, "-o", output.path]
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // Written and held open: map maps it all, then waits for more.
        let writer = try FileHandle(forWritingTo: fifo)
        defer { try? writer.close() }
        writer.write(Data(records.utf8))
        let expected = try CLI.run(["map", "--jobs", "1"], stdin: Data(records.utf8)).stdout
        #expect(waitUntil { ((try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0) >= expected.count / 2 })
        usleep(UInt32.random(in: 0...200_000, using: &random))
        kill(process.processIdentifier, SIGINT)
        let stopped = waitUntil { !process.isRunning }
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        #expect(stopped, "map did not stop on Ctrl-C, \(random.replay)")
        process.waitUntilExit()
        let stderr = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 130, "\(stderr) \(random.replay)")
        #expect(stderr.contains("cfaccess: error: interrupted; the events written so far are complete lines"))
        let written = try Data(contentsOf: output)
        #expect(written.last == 0x0A && expected.starts(with: written), "\(random.replay)")
    }

    @Test func versionShowsTheLinkedLibraries() throws {
        let outcome = try CLI.run(["version", "--verbose"])
        #expect(outcome.status == 0)
        for library in ["cfaccess ", "libsodium ", "libcurl ", "libedit ", "zlib "] {
            #expect(outcome.stdoutText.contains(library), "\(library) missing from \(outcome.stdoutText)")
        }
    }

    private func shell(_ command: String, in directory: URL) throws {
        #expect(try CLI.shell(command, in: directory) == 0, "\(command)")
    }

    /// A record holding a 20 MiB string is rejected with its line, kept whole in the rejects
    /// file, and the records after it still map — on one thread and on two.
    @Test(arguments: ["1", "2"])
    func aRecordOverTheLimitIsRejectedWholeAndMappingGoesOn(_ jobs: String) throws {
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let record = #"{"created_at":"2025-07-01T00:00:00Z","user_email":"a@example.com","allowed":true,"action":"login","ray_id":"%"}"#
        let big = #"{"created_at":"2025-07-01T00:00:00Z","user_email":"b@example.com","note":""# + String(repeating: "z", count: 20 << 20) + #""}"#
        let input = work.appendingPathComponent("big.ndjson")
        try Data((record.replacingOccurrences(of: "%", with: "a1") + "\n" + big + "\n" + record.replacingOccurrences(of: "%", with: "a2") + "\n").utf8).write(to: input)
        let output = work.appendingPathComponent("out.ndjson"), rejects = work.appendingPathComponent("rejects.ndjson")
        let outcome = try CLI.run(["map", input.path, "-o", output.path, "--rejects", rejects.path, "--jobs", jobs])
        #expect(outcome.status == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(input.path):2: a single value larger than 16 MiB"), "\(outcome.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8).split(separator: "\n").count == 2)
        #expect(try Data(contentsOf: rejects) == Data((big + "\n").utf8))
    }
}
