import Files
import Inputs
#if canImport(Glibc)
import Glibc
#endif

/// Output rotation for a feed (`--rotate-size`, `--rotate-interval`, `--compress`): at a page
/// boundary, right after a checkpoint, the active file is renamed with its UTC time range
/// (`prod.20261129T100000Z-20261129T110000Z.ndjson`), then optionally gzipped to a temp name and
/// renamed to `….ndjson.gz`. Each step is recorded first as a pending rotation in the state and
/// is redone on the next run if a crash interrupts it, so no record is lost or written twice.
struct FeedRotation {
    let definition: FeedDefinition
    let name: FeedName
    let store: FeedStore
    let now: () -> Int64

    /// Whether the active output is full or old enough.
    func isDue(_ state: FeedState) -> Bool {
        guard state.output.offset > 0 else { return false }
        if let size = definition.rotateSize, state.output.offset >= size { return true }
        if let age = definition.rotateInterval, let since = state.activeSince.flatMap(Instant.init) {
            return Double(now() - (since.seconds * 1000 + since.nanoseconds / 1_000_000)) >= age * 1000
        }
        return false
    }

    /// Decides the rotated name, records the intent, and carries it out.
    func rotate(_ state: inout FeedState, report: (FeedRunner.Event) -> Void) throws(FeedRunError) {
        guard let identity = state.output.identity else { return }
        state.rotation = PendingRotation(identity: identity, target: target(since: state.activeSince), compress: definition.compress ?? false)
        try save(state)
        try finishPending(&state)
        report(.rotated(to: state.lastRotated ?? ""))
    }

    /// Finishes a rotation recorded in `state`: the rename if the active file is still the one
    /// recorded, then the compression if asked and not yet done.
    func finishPending(_ state: inout FeedState) throws(FeedRunError) {
        guard let pending = state.rotation else { return }
        if identity(of: definition.output) == pending.identity {
            guard rename(definition.output, pending.target) == 0 else {
                throw .file(FileProblem(.io(errno: errno), "cannot rotate '\(definition.output)': \(FileProblem.describe(errno: errno))"))
            }
            PrivateFile.syncDirectory(directory(of: definition.output))
        }
        if state.output.identity == pending.identity {
            state.output = FilePosition()
            state.activeSince = nil
            try save(state)
        }
        var finished = pending.target
        if pending.compress {
            let compressed = pending.target + ".gz"
            if access(pending.target, F_OK) == 0 {
                if access(compressed, F_OK) != 0 {
                    do throws(FileProblem) { try Gzip.compress(pending.target, to: compressed) } catch { throw .file(error) }
                }
                unlink(pending.target)
                PrivateFile.syncDirectory(directory(of: pending.target))
            }
            finished = compressed
        }
        state.rotation = nil
        state.lastRotated = finished
        try save(state)
    }

    /// `DIR/STEM.START-END.EXT` for `DIR/STEM.EXT`, unused so far.
    private func target(since start: String?) -> String {
        let path = definition.output
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let dot = file.lastIndex(of: ".").flatMap { $0 == file.startIndex ? nil : $0 }
        let stem = String(path.dropLast(dot.map { file.distance(from: $0, to: file.endIndex) } ?? 0))
        let ext = dot.map { String(file[$0...]) } ?? ""
        let end = now()
        let begin = start.flatMap(Instant.init).map { $0.seconds * 1000 } ?? end
        var candidate = "\(stem).\(compact(begin))-\(compact(end))\(ext)"
        var counter = 2
        while access(candidate, F_OK) == 0 || access(candidate + ".gz", F_OK) == 0 {
            candidate = "\(stem).\(compact(begin))-\(compact(end))-\(counter)\(ext)"
            counter += 1
        }
        return candidate
    }

    /// `20261129T100000Z`.
    private func compact(_ milliseconds: Int64) -> String {
        let text = TimeInput(milliseconds: milliseconds).rfc3339
        return String(text.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    private func identity(of path: String) -> FileIdentity? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return FileIdentity(descriptor: descriptor)
    }

    private func directory(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }

    private func save(_ state: FeedState) throws(FeedRunError) {
        do { try store.save(state, for: name) } catch { throw .store(error) }
    }
}
