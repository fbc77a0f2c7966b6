import CTestSupport
import Foundation

/// `cfaccess` running on a real pseudo-terminal: its own session with the pty as controlling
/// terminal, so line editing, Ctrl-C and the no-echo prompt behave as they do for a user.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var transcript = ""

    init(arguments: [String] = [], environment: [String: String]) throws {
        let executable = CLI.executable.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var master: Int32 = -1
        var child: pid_t = 0
        let status = cfaccess_test_spawn_on_pty(executable, argv, envp, 40, 120, &master, &child)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        self.master = master
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Lets the program take in what was sent, as a typist's pause would.
    func pause(_ seconds: TimeInterval = 0.3) {
        waitFor("\u{0}", timeout: seconds)
    }

    func send(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until the output since `mark` contains `text`; false after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, after mark: String.Index? = nil, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if transcript[(mark ?? transcript.startIndex)...].contains(text) { return true }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            transcript += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return transcript[(mark ?? transcript.startIndex)...].contains(text)
    }

    /// Where the output ends now, to look only at what comes next.
    var mark: String.Index { transcript.endIndex }

    /// Waits for the process to end and returns its exit status.
    func exitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            waitFor("\u{0}", timeout: 0.05)
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
        }
        return nil
    }
}
