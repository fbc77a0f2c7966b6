import Foundation

/// A second, unprivileged local user that one test creates (`useradd`) and removes (`userdel`),
/// to play the neighbour on a shared host: it plants files and links and holds ports. Tests
/// run as root here and in CI; elsewhere the tests that need it are skipped with that reason.
final class Neighbour {
    static let isPossible = geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd")
        && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")

    let name: String
    let uid: uid_t

    init() throws {
        name = "cfaccess-nb-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        guard Neighbour.command("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]) == 0,
              let entry = getpwnam(name) else {
            throw POSIXError(.EPERM)
        }
        uid = entry.pointee.pw_uid
    }

    deinit {
        Neighbour.command("/usr/bin/pkill", ["-KILL", "-u", name])
        Neighbour.command("/usr/sbin/userdel", [name])
    }

    /// Runs `script` with `/bin/sh` as the neighbour; returns its exit status. Started with
    /// `system`, which waits for exactly that child: a process the script leaves running in the
    /// background (a server) keeps Foundation's `Process` from ever seeing the script end.
    @discardableResult
    func shell(_ script: String) -> Int32 {
        let quoted = "'" + script.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let status = system("/usr/sbin/runuser -u \(name) -- /bin/sh -c \(quoted) </dev/null")
        return status == -1 ? -1 : (status >> 8) & 0xFF
    }

    /// A directory anyone may create files in, sticky like /tmp: the shared output directory.
    static func sharedDirectory(in work: URL) throws -> URL {
        let shared = work.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        chmod(work.path, 0o755)
        chmod(shared.path, 0o1777)
        return shared
    }

    @discardableResult
    private static func command(_ path: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
