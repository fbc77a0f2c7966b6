import Foundation
import Testing
@testable import Shell

/// The script reader shares one buffer between command lines and data lines (which may be
/// tokens): every line is wiped from it once handed over, also when the buffer moves or grows.
@Suite struct FileLineReaderTests {
    static let token = Array("cfut_FakeTokenThatMustNotStayInTheBuffer000000000".utf8)

    /// A reader over `text`, written to a pipe by another thread so reads come in pieces.
    static func reader(_ text: [UInt8]) -> FileLineReader {
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        let writer = ends[1]
        Thread.detachNewThread {
            text.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(writer, bytes.baseAddress! + offset, min(4096, bytes.count - offset))
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writer)
        }
        return FileLineReader(descriptor: ends[0])
    }

    static func contains(_ buffer: UnsafeMutableRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard buffer.count >= needle.count else { return false }
        for start in 0...(buffer.count - needle.count) where buffer[start] == needle[0] {
            if (0..<needle.count).allSatisfy({ buffer[start + $0] == needle[$0] }) { return true }
        }
        return false
    }

    @Test func aDataLineLeavesNoCopyInTheBuffer() {
        // Long lines on both sides make the buffer compact and grow around the token.
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        let text = Array("token add s --from-file -\n".utf8) + Self.token + [0x0A] + filler + [0x0A] + Array("version\n".utf8)
        let reader = Self.reader(text)
        #expect(reader.nextLine() == Array("token add s --from-file -".utf8))
        let read = reader.withNextLine { Array($0) }
        #expect(read == Self.token)
        #expect(!Self.contains(reader.storage, Self.token))
        #expect(reader.nextLine()?.count == filler.count)
        #expect(!Self.contains(reader.storage, Self.token))
        #expect(reader.nextLine() == Array("version".utf8))
        #expect(reader.nextLine() == nil)
        #expect(reader.linesRead == 4)
    }

    @Test func linesEndWithLFOrCRLFAndTheLastMayHaveNone() {
        let reader = Self.reader(Array("one\r\ntwo\nthree".utf8))
        #expect(reader.nextLine() == Array("one".utf8))
        #expect(reader.nextLine() == Array("two".utf8))
        #expect(reader.nextLine() == Array("three".utf8))
        #expect(reader.nextLine() == nil)
    }
}
