import Foundation
import Testing
@testable import Files

/// Private files are opened first and the open descriptor is judged, so what is checked is what
/// is read: a link, someone else's file, a file open to others, or something that is not a
/// regular file is refused with the fix.
@Suite struct PrivateFileTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    static func write(_ text: String, to path: String, mode: Int = 0o600) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]))
    }

    /// A pid no process has: the highest one below `pid_max` that `kill(pid, 0)` says is gone.
    static func deadPid() -> pid_t {
        let max = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 32768
        var pid = max - 1
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        return pid
    }

    /// A write killed between its temporary file and the rename leaves `.NAME.tmp.PID.N`; the next
    /// replace of that file removes it when it is the user's own and its process is gone.
    @Test func replaceRemovesOnlyItsOwnStaleTemporaries() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dead = Self.deadPid()
        let stale = "\(directory)/.state.json.tmp.\(dead).0"
        let live = "\(directory)/.state.json.tmp.\(getpid()).7"
        let otherFile = "\(directory)/.other.json.tmp.\(dead).0"
        let notOurs = "\(directory)/.state.json.tmp.\(dead).1"
        for path in [stale, live, otherFile, notOurs] { try Self.write("{\"half", to: path) }
        let isRoot = geteuid() == 0
        if isRoot { #expect(chown(notOurs, 65534, 65534) == 0) }
        try PrivateFile.replace(directory + "/state.json", with: Array("{}".utf8))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: otherFile))
        #expect(FileManager.default.fileExists(atPath: notOurs) == isRoot)
        #expect(try PrivateFile.read(directory + "/state.json") == Array("{}".utf8))
    }

    @Test func readsAPrivateFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write("contents", to: directory + "/file")
        #expect(try PrivateFile.read(directory + "/file") == Array("contents".utf8))
    }

    @Test func refusesALinkEvenToAPrivateFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write("contents", to: directory + "/real")
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: directory + "/real")
        #expect(throws: FileProblem(.unsafe, "'\(directory)/link' is a symbolic link", hint: "replace it with a regular file owned by you")) {
            try PrivateFile.read(directory + "/link")
        }
    }

    @Test func refusesAFileOpenToOthers() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write("contents", to: directory + "/file", mode: 0o604)
        #expect(throws: FileProblem(.unsafe, "'\(directory)/file' is accessible by other users (mode 604)", hint: "run: chmod 600 '\(directory)/file'")) {
            try PrivateFile.read(directory + "/file")
        }
    }

    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"))
    func refusesAnotherUsersFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write("contents", to: directory + "/file")
        #expect(chown(directory + "/file", 4242, 4242) == 0)
        #expect(throws: FileProblem(.unsafe, "'\(directory)/file' is owned by another user", hint: "move it aside; cfaccess only uses files you own")) {
            try PrivateFile.read(directory + "/file")
        }
    }

    @Test func refusesWhatIsNotARegularFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(mkfifo(directory + "/fifo", 0o600) == 0)
        // A FIFO with no writer would block a plain open: it is refused at once instead.
        #expect(throws: FileProblem(.unsafe, "'\(directory)/fifo' is not a regular file",
                                    hint: "move it aside; cfaccess only uses regular files it can trust there")) {
            try PrivateFile.read(directory + "/fifo")
        }
        #expect(throws: FileProblem(.unsafe, "'\(directory)' is not a regular file",
                                    hint: "move it aside; cfaccess only uses regular files it can trust there")) {
            try PrivateFile.read(directory)
        }
        #expect(throws: FileProblem(.missing, "'\(directory)/none' does not exist")) { try PrivateFile.read(directory + "/none") }
    }

    @Test func replacesAtomicallyAndPrivately() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try PrivateFile.replace(directory + "/state.json", with: Array("one".utf8))
        try PrivateFile.replace(directory + "/state.json", with: Array("two".utf8))
        #expect(try String(contentsOfFile: directory + "/state.json", encoding: .utf8) == "two")
        #expect(try FileManager.default.attributesOfItem(atPath: directory + "/state.json")[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["state.json"])
    }

    @Test func checksDirectoriesThroughTheDescriptor() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try PrivateDirectory.make(directory + "/a/b")
        #expect(try FileManager.default.attributesOfItem(atPath: directory + "/a/b")[.posixPermissions] as? Int == 0o700)
        #expect(chmod(directory + "/a/b", 0o750) == 0)
        #expect(throws: FileProblem(.unsafe, "'\(directory)/a/b' is accessible by other users (mode 750)", hint: "run: chmod 700 '\(directory)/a/b'")) {
            try PrivateDirectory.check(directory + "/a/b")
        }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: directory + "/a")
        #expect(throws: FileProblem(.unsafe, "'\(directory)/link' is a symbolic link", hint: "replace it with a regular directory owned by you")) {
            try PrivateDirectory.check(directory + "/link")
        }
    }

    @Test func aLockHeldElsewhereTimesOutAsBusy() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/lock"
        let holder = open(path, O_RDWR | O_CREAT, 0o600)
        #expect(flock(holder, LOCK_EX) == 0)
        defer { close(holder) }
        do {
            try FileLock.withLock(path, timeout: 0.1) { () throws(FileProblem) in Issue.record("ran without the lock") }
            Issue.record("no failure")
        } catch {
            guard case .file(let problem) = error else { Issue.record("\(error)"); return }
            #expect(problem.kind == .busy)
        }
        flock(holder, LOCK_UN)
        #expect(try FileLock.withLock(path, timeout: 0.1) { () throws(FileProblem) in 42 } == 42)
    }
}
