import Foundation
@_exported import TestSupport

/// Runs the built `cfaccess` binary the way a user would, with files for its streams.
struct CLI {
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `cfaccess` executable next to the test bundle in the build directory.
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent("cfaccess")
    }()

    static var projectRoot: URL { Scratch.projectRoot }

    /// A fresh private directory for one test's files.
    static func temporaryDirectory() throws -> URL { try Scratch.directory() }

    static func run(_ arguments: [String], stdin: Data = Data(), in directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> Outcome {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout"),
            errURL = scratch.appendingPathComponent("stderr")
        try stdin.write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        // In a session of its own the child has no controlling terminal, as under CI: nothing
        // it runs can stop to ask on the terminal of whoever runs the tests.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", executable.path] + arguments
        if let directory { process.currentDirectoryURL = directory }
        // A clean, predictable environment: no inherited CFACCESS_* settings or terminal.
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CFACCESS_") && $0.key != "TERM" }
        base.merge(environment) { _, new in new }
        process.environment = base
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
                       stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

extension CLI {
    /// Runs `command` with `/bin/sh` in `directory` and returns its exit status.
    static func shell(_ command: String, in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

extension String {
    var bytes: Data { Data(utf8) }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; returns whether it held.
/// Tests wait on what they need to see, never for a fixed time.
@discardableResult
func waitUntil(timeout: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

/// Whether another process holds an exclusive `flock` on `path`.
func isLocked(_ path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
        flock(descriptor, LOCK_UN)
        return false
    }
    return true
}

/// A Python script serving on a loopback port it picks and prints on its first line, as the
/// tests' small stand-in servers do; stopped (SIGKILL) when released.
final class PythonServer {
    let process = Process()
    let port: String

    init(script: String, in directory: URL, name: String = "server.py") throws {
        try script.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", name]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        port = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        // SIGKILL: the test runner may leave SIGTERM blocked in the processes it starts.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
