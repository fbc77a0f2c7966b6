import Foundation
import Testing
@testable import Shell

@Suite struct FileLineReaderTests {
    @Test func readsLinesAcrossBuffersAndLineEndings() throws {
        var pipe: [Int32] = [0, 0]
        #expect(Glibc.pipe(&pipe) == 0)
        let long = String(repeating: "x", count: 100_000)
        let text = "one\r\ntwo\n\n\(long)\nlast-without-newline"
        let writeEnd = pipe[1]
        let writer = Thread {
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBytes { write(writeEnd, $0.baseAddress, $0.count) }
            close(writeEnd)
        }
        writer.start()
        let reader = FileLineReader(descriptor: pipe[0])
        var lines: [String] = []
        while case .line(let line) = reader.readLine(prompt: "ignored") { lines.append(line) }
        close(pipe[0])
        #expect(lines == ["one", "two", "", long, "last-without-newline"])
    }
}
