#if canImport(Glibc)
import Glibc
#endif

/// Reads a secret from the terminal with echo off, then erases the prompt.
///
/// The terminal is stdin when stdin is one, otherwise `/dev/tty` (stdin may be carrying a
/// script). The bytes go straight into the caller's buffer, never through a `String`. Whatever
/// is still pending on the terminal when the prompt returns is discarded (`tcflush`): the end
/// of a paste cut by a line break never reaches the shell that runs next.
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
    /// (without the line break). With `acceptsPaste` the terminal is asked for bracketed paste
    /// (`ESC [?2004h`): everything between its markers is taken whole, line breaks included, for
    /// the caller to clean or refuse; Enter outside a paste ends the input.
    public static func read(prompt: String, into buffer: UnsafeMutableRawBufferPointer, acceptsPaste: Bool = false) throws(Failure) -> Int {
        let usesStdin = isatty(0) == 1
        let terminal = usesStdin ? 0 : open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard terminal >= 0 else { throw .noTerminal }
        defer { if !usesStdin { close(terminal) } }
        let output = usesStdin ? 2 : terminal

        var saved = termios()
        guard tcgetattr(terminal, &saved) == 0 else { throw .noTerminal }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        if acceptsPaste {
            // Byte by byte, to see the paste markers; Ctrl-C still signals.
            silent.c_lflag &= ~tcflag_t(ICANON)
            withUnsafeMutableBytes(of: &silent.c_cc) { $0[Int(VMIN)] = 1; $0[Int(VTIME)] = 0 }
        } else {
            silent.c_lflag |= tcflag_t(ICANON)
        }
        tcsetattr(terminal, TCSANOW, &silent)
        defer {
            if acceptsPaste { writeText("\u{1B}[?2004l", to: output) }
            tcflush(terminal, TCIFLUSH)
            tcsetattr(terminal, TCSANOW, &saved)
            // Erase the prompt line so nothing about the secret stays on screen.
            writeText("\r\u{1B}[K", to: output)
        }
        if acceptsPaste { writeText("\u{1B}[?2004h", to: output) }
        writeText(prompt, to: output)

        Interrupt.clear()
        var reader = Reader(descriptor: terminal)
        return acceptsPaste ? try readPasting(&reader, into: buffer) : try readLine(&reader, into: buffer)
    }

    /// A canonical line: the terminal's own editing, up to the line break.
    private static func readLine(_ reader: inout Reader, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        var count = 0
        while let byte = try reader.next(), byte != 0x0A, byte != 0x0D {
            guard count < buffer.count else { throw .tooLong }
            buffer[count] = byte
            count += 1
        }
        return count
    }

    /// Typed keys and bracketed pastes, with the little editing a hidden line needs
    /// (Backspace, Ctrl-U) since the terminal's own is off.
    private static func readPasting(_ reader: inout Reader, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        let start = Array("\u{1B}[200~".utf8), end = Array("\u{1B}[201~".utf8)
        var count = 0
        var pasting = false
        func append(_ byte: UInt8) throws(Failure) {
            guard count < buffer.count else { throw .tooLong }
            buffer[count] = byte
            count += 1
        }
        while let byte = try reader.next() {
            if byte == 0x1B {
                // A marker, or another escape sequence (an arrow key): only markers count.
                var sequence: [UInt8] = [byte]
                while sequence.count < start.count, start.starts(with: sequence) || end.starts(with: sequence), let next = try reader.next() {
                    sequence.append(next)
                }
                if sequence == start { pasting = true; continue }
                if sequence == end { pasting = false; continue }
                if pasting { for part in sequence { try append(part) } }
                continue
            }
            if pasting {
                try append(byte)
                continue
            }
            switch byte {
            case 0x0A, 0x0D: return count
            case 0x04 where count == 0: return 0
            case 0x7F, 0x08: if count > 0 { count -= 1; buffer[count] = 0 }
            case 0x15:
                for index in 0..<count { buffer[index] = 0 }
                count = 0
            default: try append(byte)
            }
        }
        return count
    }

    /// One byte at a time from the terminal; nil at its end.
    private struct Reader {
        let descriptor: Int32

        mutating func next() throws(Failure) -> UInt8? {
            var byte: UInt8 = 0
            while true {
                let result = Glibc.read(descriptor, &byte, 1)
                if result < 0 {
                    if errno == EINTR && !Interrupt.isRequested { continue }
                    throw .interrupted
                }
                return result == 0 ? nil : byte
            }
        }
    }

    private static func writeText(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
