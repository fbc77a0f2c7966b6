import FlyingFox
import FlyingSocks
import Foundation

/// A valid, empty access-requests envelope padded with whitespace to `size` bytes, produced a
/// megabyte at a time: what a broken or hostile server could send to exhaust a client's memory.
struct PaddedBody: AsyncBufferedSequence {
    typealias Element = UInt8

    static let head = Array(#"{"success":true,"errors":[],"messages":[],"result":["#.utf8)
    static let tail = Array("]}".utf8)

    let size: Int

    struct AsyncIterator: AsyncBufferedIteratorProtocol {
        let size: Int
        var sent = 0

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            guard sent < size else { return nil }
            let length = Swift.min(Swift.max(count, 1), 1 << 20, size - sent)
            var chunk = [UInt8](repeating: UInt8(ascii: " "), count: length)
            for index in 0..<length {
                let position = sent + index
                if position < PaddedBody.head.count {
                    chunk[index] = PaddedBody.head[position]
                } else if position >= size - PaddedBody.tail.count {
                    chunk[index] = PaddedBody.tail[position - (size - PaddedBody.tail.count)]
                }
            }
            sent += length
            return chunk[...]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(size: size) }
}
