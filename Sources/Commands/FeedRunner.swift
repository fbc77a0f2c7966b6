import Client
import Feeds
import Normalizer
import Shell
#if canImport(Glibc)
import Glibc
#endif

/// One `feed run`: from the checkpoint (minus the lookback) to now, appending events to the
/// output, and checkpointing only after each page's output is on disk. On start, output past the
/// checkpointed offset (from a run that died before its checkpoint) is cut off and fetched again.
struct FeedRunner {
    let definition: FeedDefinition
    let store: FeedStore
    let client: CloudflareClient

    func run(state initial: FeedState) throws -> FeedState {
        var state = initial
        var run = FeedState.Run(started: formatTime(nowMilliseconds()))
        let output = open(definition.output, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw CommandFailure(.cannotCreate, "cannot open '\(definition.output)': \(SystemError(errno: errno))") }
        defer { close(output) }
        let size = lseek(output, 0, SEEK_END)
        if size > state.outputOffset {
            guard ftruncate(output, off_t(state.outputOffset)) == 0 else {
                throw CommandFailure(.ioError, "cannot truncate '\(definition.output)': \(SystemError(errno: errno))")
            }
            Console.status("feed", "'\(definition.output)' had \(Int64(size) - state.outputOffset) bytes past the checkpoint; cut and fetched again")
        } else if size < state.outputOffset {
            Console.warning("'\(definition.output)' is shorter than the checkpoint says (replaced or rotated?); appending")
            state.outputOffset = Int64(size)
        }
        lseek(output, off_t(state.outputOffset), SEEK_SET)
        let rejects = open(definition.rejects, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        defer { if rejects >= 0 { close(rejects) } }

        let mapper = definition.format == "ocsf" ? OCSFMapper(options: MapOptions(accountID: definition.account)) : nil
        let buffer = ByteBuffer(capacity: 1 << 20)
        var pending: [String: String] = [:]
        let since = state.cursor.flatMap { cursor in Instant(cursor).map { moved(cursor: $0) } } ?? definition.start
        let window = FetchWalk.Window(account: definition.account, since: since, until: nil)
        do {
            let stats = try FetchWalk(client: client, window: window) { Interrupt.isRequested }.run({ page, record in
                guard state.delivered[record.identity] == nil else { return }
                pending[record.identity] = record.createdAt
                let bytes = page.bytes(of: record)
                if let mapper {
                    bytes.withUnsafeBytes { mapper.feed($0) }
                    withUnsafeBytes(of: UInt8(ascii: "\n")) { mapper.feed($0) }
                    buffer.append(mapper.output.bytes)
                    mapper.output.removeAll()
                    for rejection in mapper.rejections where rejects >= 0 {
                        run.rejects += 1
                        var line = rejection.text + [0x0A]
                        _ = line.withUnsafeMutableBytes { write(rejects, $0.baseAddress, $0.count) }
                    }
                    mapper.rejections.removeAll()
                } else {
                    bytes.withUnsafeBufferPointer { buffer.append($0) }
                    buffer.append(UInt8(ascii: "\n"))
                }
            }, pageDone: { stats in
                try FileDescriptor(rawValue: output).writeAll(buffer.bytes)
                buffer.removeAll()
                guard fsync(output) == 0 else { throw CommandFailure(.ioError, "cannot sync '\(definition.output)'") }
                state.outputOffset = Int64(lseek(output, 0, SEEK_CUR))
                state.totalDelivered += pending.count
                run.records += pending.count
                state.delivered.merge(pending) { _, new in new }
                pending.removeAll()
                state.cursor = stats.newest ?? state.cursor
                if let cursor = state.cursor.flatMap(Instant.init) {
                    // Identities older than the lookback can never be re-read, so they are dropped.
                    if let horizon = Instant(moved(cursor: cursor)) {
                        state.delivered = state.delivered.filter { Instant($0.value).map { $0 >= horizon } ?? false }
                    }
                }
                run.pages = stats.pages
                try store.save(state, for: definition.name)
            })
            run.pages = stats.pages
        } catch let error as ClientError {
            run.error = error.summary
            run.retries = client.retries
            run.ended = formatTime(nowMilliseconds())
            state.lastRun = run
            try? store.save(state, for: definition.name)
            throw error.failure
        }
        run.retries = client.retries
        run.ended = formatTime(nowMilliseconds())
        state.lastRun = run
        try store.save(state, for: definition.name)
        return state
    }

    /// The cursor moved back by the lookback, as RFC 3339 UTC.
    private func moved(cursor: Instant) -> String {
        let milliseconds = cursor.seconds * 1000 + cursor.nanoseconds / 1_000_000
        return formatTime(milliseconds - Int64(definition.lookback * 1000))
    }
}
