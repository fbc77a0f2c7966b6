import Files
import Normalizer
import Foundation
import Testing
@testable import Feeds

/// The rules by which a feed opens its output and rejects files against the checkpoint.
@Suite struct FeedFileTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-feedfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// Writes `text` through a feed file and returns the checkpoint it reached.
    static func deliver(_ text: String, to path: String, from checkpoint: FilePosition = FilePosition()) throws -> FilePosition {
        let file = try FeedFile(path: path, checkpoint: checkpoint)
        try file.write(takingContentsOf: buffer(text))
        return try file.sync()
    }

    static func buffer(_ text: String) -> ByteBuffer {
        let buffer = ByteBuffer()
        Array(text.utf8).withUnsafeBufferPointer { buffer.append($0) }
        return buffer
    }

    @Test func cutsItsOwnFileBackToTheCheckpoint() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        let checkpoint = try Self.deliver("one\n", to: path)
        #expect(checkpoint.offset == 4)
        // A run that died after writing, before checkpointing.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("half".utf8))
        try handle.close()
        let reopened = try FeedFile(path: path, checkpoint: checkpoint)
        #expect(reopened.cutBytes == 4)
        #expect(!reopened.adopted)
        try reopened.write(takingContentsOf: Self.buffer("two\n"))
        #expect(try reopened.sync().offset == 8)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
    }

    /// A rotator that leaves an empty file at the path (its `create` or `copytruncate` modes).
    @Test func adoptsAnEmptiedFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        let checkpoint = try Self.deliver("one\n", to: path)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
        let fresh = try FeedFile(path: path, checkpoint: checkpoint)
        #expect(fresh.adopted)
        #expect(fresh.position.offset == 0)
        #expect(fresh.position.identity != checkpoint.identity)
        #expect(try String(contentsOfFile: path + ".1", encoding: .utf8) == "one\n")
    }

    /// A missing file the checkpoint says holds records is a loss to report, not a fresh start.
    @Test func refusesAVanishedFileTheCheckpointSaysHoldsRecords() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        let checkpoint = try Self.deliver("one\ntwo\n", to: path)
        try FileManager.default.removeItem(atPath: path)
        #expect {
            try FeedFile(path: path, checkpoint: checkpoint)
        } throws: { error in
            guard case .notOwn(let refusal) = error as? FeedFileError else { return false }
            return refusal.message.contains("is gone") && refusal.message.contains("8 bytes") && refusal.hint.contains("feed reset")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        // Nothing promised: a missing file is simply created.
        let fresh = try FeedFile(path: path, checkpoint: FilePosition(identity: checkpoint.identity, offset: 0))
        #expect(fresh.position.offset == 0)
    }

    @Test func neverTouchesAFileThatIsNotItsOwn() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        // Never written by the feed, but already holding data.
        try "theirs\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: FeedFileError.self) { try FeedFile(path: path, checkpoint: FilePosition()) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
        // The feed's own file, later replaced by another one at the same path.
        try FileManager.default.removeItem(atPath: path)
        let checkpoint = try Self.deliver("one\n", to: path)
        try "another file, longer than the checkpoint\n".write(toFile: path + ".new", atomically: false, encoding: .utf8)
        #expect(rename(path + ".new", path) == 0)
        #expect(throws: FeedFileError.self) { try FeedFile(path: path, checkpoint: checkpoint) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "another file, longer than the checkpoint\n")
    }

    @Test func refusesItsOwnFileWhenItIsShorterThanTheCheckpoint() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        let checkpoint = try Self.deliver("one\ntwo\n", to: path)
        #expect(truncate(path, 3) == 0)
        do {
            _ = try FeedFile(path: path, checkpoint: checkpoint)
            Issue.record("a shortened file was accepted")
        } catch {
            guard case .notOwn(let refusal) = error else { Issue.record("\(error)"); return }
            #expect(refusal.message == "'\(path)' is shorter (3 bytes) than the 8 bytes this feed delivered to it; it was left untouched")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 3)
    }

    @Test func aStateFromBeforeIdentitiesKeepsItsFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        try "one\ntwo\n".write(toFile: path, atomically: false, encoding: .utf8)
        let legacy = try JSONDecoder().decode(FeedState.self, from: Data(#"{"outputOffset": 4, "delivered": {}, "totalDelivered": 1}"#.utf8))
        #expect(legacy.output == FilePosition(identity: nil, offset: 4))
        let file = try FeedFile(path: path, checkpoint: legacy.output)
        #expect(file.cutBytes == 4)
        #expect(file.position.identity != nil)
    }
}
