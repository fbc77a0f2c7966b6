#if canImport(Glibc)
import Glibc
#endif

/// What reading a line gave.
public enum LineReadResult: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at the prompt: the line was thrown away.
    case interrupted
    case end
}

/// A source of command lines: the line editor on a terminal, or a script.
public protocol LineReader: AnyObject {
    /// Reads one physical line; `prompt` is shown only by interactive readers.
    func readLine(prompt: String) -> LineReadResult
    /// Lines read so far, including any a command took as data (for `FILE:LINE`).
    var linesRead: Int { get }
}

/// Reads lines from a file descriptor through one buffer.
///
/// Everything that reads the same stream — script lines and any data a command takes from it —
/// must share this buffer, or lines read ahead into it would be lost to the other reader.
public final class FileLineReader: LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    public private(set) var linesRead = 0

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func readLine(prompt: String) -> LineReadResult {
        guard let bytes = nextLine() else { return .end }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    /// The next line's bytes without its line break, or nil at the end of input.
    public func nextLine() -> [UInt8]? {
        guard let line = bufferedLine() else { return nil }
        linesRead += 1
        return line
    }

    private func bufferedLine() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            fill()
        }
    }

    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true; return }
            buffer.append(contentsOf: chunk[0..<count])
            return
        }
    }
}
