import CZlib
import Files
import Storage
import Inputs
#if canImport(Glibc)
import Glibc
#endif

/// Output rotation for a feed (`--rotate-size`, `--rotate-interval`, `--compress`): at a page
/// boundary, right after a checkpoint, the active file is given a name that says which records
/// it holds — the `created_at` of its first and last (`prod.20261129T100000Z-20261129T110000Z.ndjson`)
/// — then optionally gzipped to a temporary file and given its `.gz` name. Each step is recorded
/// in the state before it is taken and redone on the next run if a crash interrupts it, so no
/// record is lost or written twice.
///
/// In a directory other users may write to, no name is trusted: every name cfaccess gives a
/// file is taken without replacing anything (`O_EXCL`, or a hard link), a taken name gets the
/// next free one (`-2`, `-3`, …), and a file is removed only when it is still, by device and
/// inode, the one cfaccess created — the uncompressed file only once its own `.gz` is complete,
/// synced and in place.
struct FeedRotation {
    let definition: FeedDefinition
    let name: FeedName
    let store: FeedStore
    let now: () -> Int64

    /// Whether the active output is full or old enough.
    func isDue(_ state: FeedState) -> Bool {
        state.output.offset > 0 && FeedRotation.isFull(state, size: definition.rotateSize, age: definition.rotateInterval, now: now())
    }

    /// Whether the active output holds `size` bytes, or was started `age` seconds ago — the
    /// rule local rotation and object sealing share.
    static func isFull(_ state: FeedState, size: Int64?, age: Double?, now: Int64) -> Bool {
        if let size, state.output.offset >= size { return true }
        if let age, let since = state.activeSince.flatMap(Instant.init) {
            return Double(now - (since.seconds * 1000 + since.nanoseconds / 1_000_000)) >= age * 1000
        }
        return false
    }

    /// Decides the rotated name, records the intent, and carries it out.
    func rotate(_ state: inout FeedState, report: (FeedRunner.Event) -> Void) throws(FeedRunError) {
        guard let identity = state.output.identity else { return }
        let (stem, ext) = parts
        state.rotation = PendingRotation(identity: identity, target: "\(stem).\(range(of: state))\(ext)", compress: definition.compress ?? false)
        state.rotation?.first = state.activeFirst
        state.rotation?.last = state.activeLast
        state.activeFirst = nil
        state.activeLast = nil
        try save(state)
        try finishPending(&state)
        report(.rotated(to: state.lastRotated ?? ""))
    }

    /// Finishes a rotation recorded in `state`: the rename if the active file is still the one
    /// recorded, then the compression if asked and not yet done.
    func finishPending(_ state: inout FeedState) throws(FeedRunError) {
        guard var pending = state.rotation else { return }
        try rename(&pending, in: &state)
        if state.output.identity == pending.identity {
            state.output = FilePosition()
            state.activeSince = nil
            try save(state)
        }
        var finished = pending.target
        if pending.compress, try identity(at: pending.target) == pending.identity {
            finished = try compress(&pending, in: &state)
            // Only now, with its own `.gz` complete and in place, is the uncompressed file removed.
            do throws(FileProblem) { try OutputPath.remove(pending.target, ifStill: pending.identity) } catch { throw .file(error) }
        } else if pending.compress, let compressed = pending.compressed {
            finished = compressed
        }
        // Listed before the rotation is forgotten: a crash in between lists it twice, and the
        // list is read each file once.
        try note(finished, pending)
        state.rotation = nil
        state.lastRotated = finished
        try save(state)
    }

    /// Adds the finished file to the feed's list of what it delivered (`feed verify`): its
    /// size, SHA-256 and records, read back from the disk.
    private func note(_ path: String, _ pending: PendingRotation) throws(FeedRunError) {
        guard let (sha256, size) = FeedRotation.digest(path), let records = FeedRotation.lines(path) else {
            throw .file(.system("cannot read", path))
        }
        let object = SealedObject(kind: .events, key: path, file: path, sha256: sha256, size: size, records: records,
                                  first: pending.first ?? "", last: pending.last ?? "")
        try ObjectDelivery.append(object, to: store.manifestPath(name))
    }

    static func digest(_ path: String) -> (String, Int64)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let digest = SHA256.of(descriptor: descriptor) else { return nil }
        return (digest, Int64(info.st_size))
    }

    /// Lines of the file's content, gzipped or not (zlib reads a plain file as it is).
    static func lines(_ path: String) -> Int? {
        guard let gz = gzopen(path, "rb") else { return nil }
        defer { gzclose(gz) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var count = 0
        while true {
            let got = buffer.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32($0.count)) }
            if got < 0 { return nil }
            if got == 0 { return count }
            count += buffer[..<Int(got)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    /// Moves the active file to the recorded name, taking the next free name (recorded before
    /// it is tried) when another file holds it.
    private func rename(_ pending: inout PendingRotation, in state: inout FeedState) throws(FeedRunError) {
        while try identity(at: definition.output) == pending.identity, try identity(at: pending.target) != pending.identity {
            let moved: Bool
            do throws(FileProblem) { moved = try OutputPath.move(definition.output, to: pending.target) } catch { throw .file(error) }
            if moved { break }
            pending.target = next(after: pending.target, tail: parts.ext)
            state.rotation = pending
            try save(state)
        }
        // A crash between the link and the unlink leaves both names on the feed's file.
        if try identity(at: pending.target) == pending.identity {
            do throws(FileProblem) { try OutputPath.remove(definition.output, ifStill: pending.identity) } catch { throw .file(error) }
        }
    }

    /// Gzips the rotated file into a temporary file of cfaccess's own (its identity recorded
    /// first), then gives that its `.gz` name; returns the name.
    private func compress(_ pending: inout PendingRotation, in state: inout FeedState) throws(FeedRunError) -> String {
        // Already done before a crash: the `.gz` name holds the temporary file cfaccess made.
        if let compressed = pending.compressed, let made = pending.temporaryIdentity, try identity(at: compressed) == made {
            if let temporary = pending.temporary {
                do throws(FileProblem) { try OutputPath.remove(temporary, ifStill: made) } catch { throw .file(error) }
            }
            return compressed
        }
        // A compression cut short: its temporary file is cfaccess's own, and is made anew.
        if let temporary = pending.temporary, let made = pending.temporaryIdentity {
            do throws(FileProblem) { try OutputPath.remove(temporary, ifStill: made) } catch { throw .file(error) }
        }
        let source = open(pending.target, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard source >= 0 else { throw .file(FileProblem(.io(errno: errno), "cannot read '\(pending.target)': \(FileProblem.describe(errno: errno))")) }
        defer { close(source) }
        guard FileIdentity(descriptor: source) == pending.identity else {
            throw .file(FileProblem(.unsafe, "'\(pending.target)' is no longer the file this feed rotated; it was left as it is"))
        }
        var temporary = pending.target + ".gz.tmp"
        var output: Int32 = -1
        while output < 0 {
            do throws(FileProblem) {
                if let created = try OutputPath.createNew(temporary) { output = created } else { temporary = next(after: temporary, tail: parts.ext + ".gz.tmp") }
            } catch {
                throw .file(error)
            }
        }
        defer { close(output) }
        pending.temporary = temporary
        pending.temporaryIdentity = FileIdentity(descriptor: output)
        pending.compressed = pending.target + ".gz"
        state.rotation = pending
        try save(state)
        do throws(FileProblem) { try Gzip.compress(source, named: pending.target, into: output, named: temporary) } catch { throw .file(error) }
        while true {
            let placed: Bool
            do throws(FileProblem) { placed = try OutputPath.move(temporary, to: pending.compressed!) } catch { throw .file(error) }
            if placed { break }
            pending.compressed = next(after: pending.compressed!, tail: parts.ext + ".gz")
            state.rotation = pending
            try save(state)
        }
        return pending.compressed!
    }

    /// `DIR/STEM` and `.EXT` of the output `DIR/STEM.EXT`; rotated files are `DIR/STEM.RANGE[-N].EXT`.
    private var parts: (stem: String, ext: String) {
        let path = definition.output
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let dot = file.lastIndex(of: ".").flatMap { $0 == file.startIndex ? nil : $0 }
        let ext = dot.map { String(file[$0...]) } ?? ""
        return (String(path.dropLast(ext.count)), ext)
    }

    /// `FIRST-LAST`: the `created_at` of the first and last record the active file holds, as
    /// Logpush names its files (for a state written before those were kept: from when the file
    /// was started until now).
    private func range(of state: FeedState) -> String {
        func milliseconds(_ text: String?) -> Int64? {
            text.flatMap(Instant.init).map { $0.seconds * 1000 + $0.nanoseconds / 1_000_000 }
        }
        let end = milliseconds(state.activeLast) ?? now()
        let begin = milliseconds(state.activeFirst) ?? milliseconds(state.activeSince) ?? end
        return "\(compact(begin))-\(compact(end))"
    }

    /// `20261129T100000Z`.
    private func compact(_ milliseconds: Int64) -> String {
        let text = TimeInput(milliseconds: milliseconds).rfc3339
        return String(text.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    /// The next candidate name after `path` (which ends in `tail`): `…Z.ndjson` → `…Z-2.ndjson`,
    /// `…Z-2.ndjson` → `…Z-3.ndjson`.
    private func next(after path: String, tail: String) -> String {
        var head = Substring(path.dropLast(tail.count))
        var number = 1
        if let dash = head.lastIndex(of: "-"), dash > head.startIndex, head[head.index(before: dash)] == "Z",
           let current = Int(head[head.index(after: dash)...]) {
            number = current
            head = head[..<dash]
        }
        return "\(head)-\(number + 1)\(tail)"
    }

    private func identity(at path: String) throws(FeedRunError) -> FileIdentity? {
        do throws(FileProblem) { return try OutputPath.identity(at: path) } catch { throw .file(error) }
    }

    private func save(_ state: FeedState) throws(FeedRunError) {
        do { try store.save(state, for: name) } catch { throw .store(error) }
    }
}
