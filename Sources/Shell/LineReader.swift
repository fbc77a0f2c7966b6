import CSodium
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
/// must share this buffer, or lines read ahead into it would be lost to the other reader. A data
/// line may be a secret (`token add --from-file -`), so the buffer is memory this reader owns:
/// each line is wiped from it once handed over, and nothing is left behind when it moves or grows.
public final class FileLineReader: LineReader {
    private let descriptor: Int32
    private(set) var storage: UnsafeMutableRawBufferPointer
    /// Unread bytes are `storage[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEnd = false
    public private(set) var linesRead = 0

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        storage = .allocate(byteCount: 64 << 10, alignment: 1)
    }

    deinit {
        sodium_memzero(storage.baseAddress!, storage.count)
        storage.deallocate()
    }

    public func readLine(prompt: String) -> LineReadResult {
        guard let bytes = nextLine() else { return .end }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    /// The next line's bytes without its line break, or nil at the end of input.
    public func nextLine() -> [UInt8]? {
        withNextLine { Array($0) }
    }

    /// Hands the next line (without its line break) to `body`, then wipes it from the buffer;
    /// nil at the end of input. For secrets, `body` copies the bytes straight into secret memory.
    public func withNextLine<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result? {
        while true {
            if let newline = storage[start..<end].firstIndex(of: 0x0A) {
                let lineEnd = newline > start && storage[newline - 1] == 0x0D ? newline - 1 : newline
                return try take(start..<lineEnd, consumed: newline + 1, body)
            }
            if atEnd {
                guard start < end else { return nil }
                return try take(start..<end, consumed: end, body)
            }
            fill()
        }
    }

    private func take<Result, Failure: Error>(_ line: Range<Int>, consumed: Int, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        let first = start
        start = consumed
        linesRead += 1
        defer { sodium_memzero(storage.baseAddress! + first, consumed - first) }
        return try body(UnsafeRawBufferPointer(rebasing: storage[line]))
    }

    /// Moves the unread bytes to the front (wiping where they were), grows the buffer when it is
    /// full of one unfinished line, and reads more.
    private func fill() {
        if start > 0 {
            let unread = end - start
            storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: unread)
            sodium_memzero(storage.baseAddress! + unread, end - unread)
            start = 0
            end = unread
        }
        if end == storage.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 1)
            larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
            sodium_memzero(storage.baseAddress!, storage.count)
            storage.deallocate()
            storage = larger
        }
        while true {
            let count = read(descriptor, storage.baseAddress! + end, storage.count - end)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true; return }
            end += count
            return
        }
    }
}
