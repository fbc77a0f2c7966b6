import Foundation
import Synchronization
import Testing
@testable import Files

/// Blocks written on the writer's thread arrive whole and in order, storage is reused, and the
/// first failure is kept for the producer.
@Suite(.serialized) struct BackgroundWriterTests {
    /// A block that counts how many were ever made, to show that storage goes round.
    final class CountedBlock: WriterBlock {
        static let made = Mutex(0)
        var bytes: [UInt8]

        init(capacity: Int) {
            bytes = []
            bytes.reserveCapacity(capacity)
            CountedBlock.made.withLock { $0 += 1 }
        }

        var writableBytes: UnsafeRawBufferPointer { bytes.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: $0.count) } }
        func removeAll() { bytes.removeAll(keepingCapacity: true) }
        func exchange(with other: CountedBlock) { swap(&bytes, &other.bytes) }
    }

    static func scratchFile() throws -> (path: String, descriptor: Int32) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-writer-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        #expect(descriptor >= 0)
        return (path, descriptor)
    }

    @Test func writesEveryBlockInOrderAndReusesTheirStorage() throws {
        let (path, descriptor) = try Self.scratchFile()
        defer { close(descriptor); unlink(path) }
        let writer = BackgroundWriter<CountedBlock>(descriptor: descriptor, depth: 2)
        let producer = CountedBlock(capacity: 0)
        let madeBefore = CountedBlock.made.withLock { $0 }
        var expected: [UInt8] = []
        for index in 0..<2_000 {
            producer.bytes = Array("block \(index) ".utf8) + [UInt8](repeating: UInt8(index % 251), count: index % 3_000) + [0x0A]
            expected += producer.bytes
            try writer.write(takingContentsOf: producer)
            #expect(producer.bytes.isEmpty)
        }
        try writer.flush()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        // Two waiting and one being written: never more than that are made.
        #expect(CountedBlock.made.withLock { $0 } - madeBefore <= 3)
    }

    @Test func closeWritesWhatIsWaiting() throws {
        let (path, descriptor) = try Self.scratchFile()
        defer { close(descriptor); unlink(path) }
        let writer = BackgroundWriter<CountedBlock>(descriptor: descriptor, depth: 4)
        let producer = CountedBlock(capacity: 0)
        for index in 0..<4 {
            producer.bytes = Array("line \(index)\n".utf8)
            try writer.write(takingContentsOf: producer)
        }
        writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "line 0\nline 1\nline 2\nline 3\n")
    }

    /// `/dev/full` refuses every write: the failure comes back to the producer, on `flush` and
    /// on every write after it.
    @Test func keepsTheFirstFailure() throws {
        let descriptor = open("/dev/full", O_WRONLY | O_CLOEXEC)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let writer = BackgroundWriter<CountedBlock>(descriptor: descriptor)
        let producer = CountedBlock(capacity: 0)
        producer.bytes = Array("lost\n".utf8)
        try writer.write(takingContentsOf: producer)
        #expect(throws: SystemErrno(errno: ENOSPC)) { try writer.flush() }
        producer.bytes = Array("after\n".utf8)
        #expect(throws: SystemErrno(errno: ENOSPC)) { try writer.write(takingContentsOf: producer) }
    }
}
