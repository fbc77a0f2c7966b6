#if canImport(Glibc)
import Glibc
#endif

/// Reads a secret from the terminal with echo off, then erases the prompt.
///
/// The terminal is stdin when stdin is one, otherwise `/dev/tty` (stdin may be carrying a
/// script). The bytes go straight into the caller's buffer, never through a `String`.
public enum SecretPrompt {
    public enum Failure: Error, Equatable, Sendable {
        /// No terminal to ask on: batch use needs a file or descriptor instead.
        case noTerminal
        case interrupted
        /// The secret does not fit the buffer.
        case tooLong
    }

    /// Whether a terminal is there to ask on.
    public static var hasTerminal: Bool {
        if isatty(0) == 1 { return true }
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Shows `prompt`, reads one line without echo into `buffer`, and returns its length
    /// (without the line break).
    public static func read(prompt: String, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        let usesStdin = isatty(0) == 1
        let terminal = usesStdin ? 0 : open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard terminal >= 0 else { throw .noTerminal }
        defer { if !usesStdin { close(terminal) } }
        let output = usesStdin ? 2 : terminal

        var saved = termios()
        guard tcgetattr(terminal, &saved) == 0 else { throw .noTerminal }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        silent.c_lflag |= tcflag_t(ICANON)
        tcsetattr(terminal, TCSANOW, &silent)
        defer {
            tcsetattr(terminal, TCSANOW, &saved)
            // Erase the prompt line so nothing about the secret stays on screen.
            writeText("\r\u{1B}[K", to: output)
        }
        writeText(prompt, to: output)

        Interrupt.clear()
        var count = 0
        var byte: UInt8 = 0
        while true {
            let result = Glibc.read(terminal, &byte, 1)
            if result < 0 {
                if errno == EINTR && !Interrupt.isRequested { continue }
                throw .interrupted
            }
            if result == 0 || byte == 0x0A || byte == 0x0D { break }
            guard count < buffer.count else {
                discardRestOfLine(terminal)
                throw .tooLong
            }
            buffer[count] = byte
            count += 1
        }
        byte = 0
        return count
    }

    private static func discardRestOfLine(_ descriptor: Int32) {
        var byte: UInt8 = 0
        while Glibc.read(descriptor, &byte, 1) == 1 && byte != 0x0A {}
        byte = 0
    }

    private static func writeText(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
