import FlyingFox
import FlyingSocks
import Foundation

/// A response body that announces its full length, sends the first half, then fails, so the
/// server drops the connection mid-body: what a reset looks like to the client.
struct CutBody: AsyncBufferedSequence {
    typealias Element = UInt8

    struct CutShort: Error {}

    let bytes: [UInt8]

    struct AsyncIterator: AsyncBufferedIteratorProtocol {
        var remaining: ArraySlice<UInt8>
        var sent = false

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            guard !sent else { throw CutShort() }
            sent = true
            return remaining
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(remaining: bytes[0..<bytes.count / 2])
    }
}
