import CZlib
import Files
import Inputs
import Normalizer
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// An object-storage feed's spool (`CFACCESS_HOME/spool/NAME/`, private): the active files that
/// records are appended to, exactly as a local feed's output and rejects, and the sealed objects
/// waiting for their upload. Sealing cuts the active files into objects, one per UTC day of
/// their records (so each lands in its `dt=` partition), always gzip with a fixed header (no
/// name, mtime 0): the same records always make the same bytes. A line's time is read by the
/// normalizer's reader (`RecordGlance`), as `map` reads it; a line with none goes with 1970-01-01.
struct ObjectSpool {
    let directory: String
    let feed: String
    let layout: ObjectLayout

    /// The active files (`FeedStore.activeFiles`).
    let output: String
    let rejects: String

    /// The objects the active files make: the events by day, the rejects in one object named
    /// by the whole range. `taken` are keys already used (pending, or delivered recently): a
    /// range seen before gets the next `-N`.
    /// Only the checkpointed bytes of the active files count (`limits`): anything past them (a
    /// page cut short by a full disk, a block still being written) is fetched again.
    func plan(taken: Set<String>, limits: (output: Int64, rejects: Int64)) throws(FeedRunError) -> [SealedObject] {
        var days: [Int64: (count: Int, first: Int64, last: Int64)] = [:]
        let reader = RecordGlance()
        try eachLine(of: output, upTo: limits.output) { line in
            let time = reader.time(of: line[...]) ?? 0
            let known = days[ObjectSpool.day(time)] ?? (0, .max, .min)
            days[ObjectSpool.day(time)] = (known.count + 1, min(known.first, time), max(known.last, time))
        }
        var taken = taken
        var objects: [SealedObject] = []
        func add(_ kind: SealedObject.Kind, records: Int, first: Int64, last: Int64) {
            let firstText = TimeInput(milliseconds: first).rfc3339, lastText = TimeInput(milliseconds: last).rfc3339
            var suffix = 1
            var key = layout.key(feed: feed, kind: kind, first: firstText, last: lastText, suffix: suffix)
            while taken.contains(key) {
                suffix += 1
                key = layout.key(feed: feed, kind: kind, first: firstText, last: lastText, suffix: suffix)
            }
            taken.insert(key)
            let file = directory + "/" + String(key.split(separator: "/").last!)
            objects.append(SealedObject(kind: kind, key: key, file: file, records: records, first: firstText, last: lastText))
        }
        for (_, group) in days.sorted(by: { $0.key < $1.key }) { add(.events, records: group.count, first: group.first, last: group.last) }
        var rejected = 0
        try eachLine(of: rejects, upTo: limits.rejects) { _ in rejected += 1 }
        if rejected > 0, let first = days.values.map(\.first).min(), let last = days.values.map(\.last).max() {
            add(.rejects, records: rejected, first: first, last: last)
        } else if rejected > 0 {
            let now = TimeInput.nowMilliseconds()
            add(.rejects, records: rejected, first: now, last: now)
        }
        return objects
    }

    /// Writes each planned object's file afresh (a crash may have left a part of one), syncs
    /// it, and records its size and SHA-256.
    func write(_ objects: inout [SealedObject], limits: (output: Int64, rejects: Int64)) throws(FeedRunError) {
        for index in objects.indices {
            let object = objects[index]
            let descriptor: Int32
            do throws(FileProblem) {
                try DirectoryEntry.remove(object.file)
                descriptor = try PrivateFile.openCreating(object.file, flags: O_WRONLY)
            } catch {
                throw .file(error)
            }
            defer { close(descriptor) }
            guard let gz = gzdopen(dup(descriptor), "wb6") else { throw .file(FileProblem(.io(errno: ENOMEM), "cannot start compressing '\(object.file)'")) }
            var failed = false
            let day = (try? TimeInput(object.first, option: "first", now: 0)).map { ObjectSpool.day($0.milliseconds) }
            let times = RecordGlance()
            try eachLine(of: object.kind == .events ? output : rejects, upTo: object.kind == .events ? limits.output : limits.rejects) { line in
                if object.kind == .events && ObjectSpool.day(times.time(of: line[...]) ?? 0) != day { return }
                let written = line.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) } + gzwrite(gz, "\n", 1)
                if Int(written) != line.count + 1 { failed = true }
            }
            if gzclose(gz) != Z_OK || failed { throw .file(FileProblem(.io(errno: ENOSPC), "cannot write '\(object.file)'")) }
            guard fsync(descriptor) == 0 else { throw .file(.system("cannot sync", object.file)) }
            lseek(descriptor, 0, SEEK_SET)
            var info = stat()
            fstat(descriptor, &info)
            let reader = open(object.file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            defer { if reader >= 0 { close(reader) } }
            guard reader >= 0, let digest = SHA256.of(descriptor: reader) else { throw .file(.system("cannot read", object.file)) }
            objects[index].sha256 = digest
            objects[index].size = Int64(info.st_size)
        }
    }

    /// Records in the active output file (0 when it cannot be read).
    func activeRecords() -> Int {
        var count = 0
        try? eachLine(of: output, upTo: .max) { _ in count += 1 }
        return count
    }

    /// Each line of `path` without its line break; a missing file has none.
    private func eachLine(of path: String, upTo limit: Int64, _ body: ([UInt8]) -> Void) throws(FeedRunError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0 && errno == ENOENT { return }
        guard descriptor >= 0 else { throw .file(.system("cannot read", path)) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var left = limit
        while left > 0 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Int(min(Int64($0.count), left))) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .file(.system("cannot read", path)) }
            if count == 0 { break }
            left -= Int64(count)
            for byte in buffer[..<count] {
                if byte == 0x0A { body(line); line.removeAll(keepingCapacity: true) } else { line.append(byte) }
            }
        }
        if !line.isEmpty { body(line) }
    }

    /// The UTC day a time falls on, counted from 1970-01-01.
    static func day(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
    }
}
