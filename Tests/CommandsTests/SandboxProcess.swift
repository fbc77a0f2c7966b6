import Foundation
import Testing

/// A `cfaccess-sandbox` running for one test, on a free port, stopped when released.
final class SandboxProcess {
    static let executable = CLI.executable.deletingLastPathComponent().appendingPathComponent("cfaccess-sandbox")
    static let account = "023e105f4ecef8ad9ca31a8372d0c353"
    /// Tests pin the sandbox's data to a fixed day, so every run sees the same records.
    static let epoch = "2025-07-01T00:00:00Z"
    static let tokens = [
        "permitted": "cfut_SandboxDemoTokenWithAccessAuditLogsRead0000",
        "noPermission": "cfut_SandboxDemoTokenWithoutAuditLogsPermission0",
        "expired": "cfut_SandboxDemoTokenThatHasExpired000000000000000",
        "disabled": "cfut_SandboxDemoTokenThatWasDisabled00000000000000",
        "accountOwned": "cfat_SandboxDemoAccountOwnedTokenWithPermission00",
        "expiringSoon": "cfut_SandboxDemoTokenThatExpiresInThreeDays0000000",
    ]

    let process = Process()
    let baseURL: String

    /// Starts a sandbox on a free port, or on `port` (to bring one back where it was); its data
    /// pinned to `epoch` unless `relativeToNow`.
    init(_ arguments: [String], port: Int = 0, relativeToNow: Bool = false) throws {
        let pipe = Pipe()
        process.executableURL = Self.executable
        process.arguments = ["--port", String(port)] + (relativeToNow ? [] : ["--epoch", Self.epoch]) + arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        baseURL = try Self.announced(on: pipe)
    }

    /// The last word of the first line a helper prints when it is ready (`listening on ADDRESS`).
    static func announced(on pipe: Pipe) throws -> String {
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { throw POSIXError(.EIO) }
            line.append(chunk)
        }
        return String(String(decoding: line, as: UTF8.self).split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit { stop() }

    /// Stops it at once (SIGKILL: the test runner may leave SIGTERM blocked in its children).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var port: Int { Int(baseURL.split(separator: ":").last!.split(separator: "/").first!)! }

    /// The dataset the sandbox serves for `arguments`, one record per line.
    static func dataset(_ arguments: [String], in directory: URL) throws -> [String] {
        let path = directory.appendingPathComponent("dataset.ndjson").path
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--epoch", epoch] + arguments + ["--dump", path]
        try process.run()
        process.waitUntilExit()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}

/// A throwaway home with a vault (cheap KDF) holding every sandbox token under its name.
struct SandboxHome {
    let work: URL
    let arguments: [String]
    let environment: [String: String]

    /// `environment` is added to every command's (a host id, a clock offset).
    init(environment extra: [String: String] = [:]) throws {
        work = try CLI.temporaryDirectory()
        let passFile = work.appendingPathComponent("pass.txt")
        try "sandbox test passphrase (not a secret)\n".write(to: passFile, atomically: true, encoding: .utf8)
        #expect(chmod(passFile.path, 0o600) == 0)
        environment = ["CFACCESS_HOME": work.appendingPathComponent("home").path].merging(extra) { _, new in new }
        arguments = ["--passphrase-file", passFile.path]
        var script = "vault init --kdf interactive\n"
        for (name, token) in SandboxProcess.tokens.sorted(by: { $0.key < $1.key }) {
            script += "token add \(name) --from-file -\n\(token)\n"
        }
        let setup = try CLI.run(arguments, stdin: script.bytes, environment: environment)
        precondition(setup.status == 0, setup.stderr)
    }

    init(work: URL, arguments: [String], environment: [String: String]) {
        self.work = work
        self.arguments = arguments
        self.environment = environment
    }

    func run(_ command: [String], stdin: Data = Data(), in directory: URL? = nil) throws -> CLI.Outcome {
        try CLI.run(arguments + command, stdin: stdin, in: directory, environment: environment)
    }

    /// Starts `command` in the background (stderr discarded, or appended to `log`); the caller
    /// waits for or kills it.
    func start(_ command: [String], log: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments + command
        process.environment = environment
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    var home: String { environment["CFACCESS_HOME"]! }
}
