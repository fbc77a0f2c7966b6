import Client
import Feeds
import Files
import Inputs
import Normalizer
import Shell
#if canImport(Glibc)
import Glibc
#endif

/// One `feed run`: from the checkpoint (minus the lookback, never before a reset's floor) to now,
/// appending events to the output and unnormalizable records to the rejects file, and
/// checkpointing only after each page of both is on disk. On start, bytes past the checkpoint
/// (from a run that died before its checkpoint) are cut off and fetched again; a file at either
/// path that is not the feed's own is refused (`FeedFile`). Whatever stops a run is recorded as
/// its error in the state, next to the last checkpoint.
struct FeedRunner {
    let definition: FeedDefinition
    let name: FeedName
    let store: FeedStore
    let client: CloudflareClient

    func run(state initial: FeedState) throws -> FeedState {
        var state = initial
        var run = FeedState.Run(started: formatTime(nowMilliseconds()))
        do {
            try deliver(&state, &run)
        } catch {
            let failure = FeedRunner.failure(error)
            run.error = failure.message
            run.retries = client.retries
            run.ended = formatTime(nowMilliseconds())
            state.lastRun = run
            do throws(FeedStoreError) {
                try store.save(state, for: name)
            } catch {
                Console.warning("the failed run could not be recorded in '\(store.statePath(name))': \(FeedCommand.failure(error, feed: name).message)")
            }
            throw failure
        }
        run.retries = client.retries
        run.ended = formatTime(nowMilliseconds())
        state.lastRun = run
        do throws(FeedStoreError) { try store.save(state, for: name) } catch { throw FeedCommand.failure(error, feed: name) }
        return state
    }

    private func deliver(_ state: inout FeedState, _ run: inout FeedState.Run) throws {
        let output = try open(definition.output, at: state.output, what: "output")
        let rejects = try open(definition.rejects, at: state.rejects, what: "rejects file")
        state.output = output.position
        state.rejects = rejects.position

        let mapper = definition.format == "ocsf" ? OCSFMapper(options: MapOptions(accountID: definition.account.text)) : nil
        let events = ByteBuffer(capacity: 1 << 20)
        let rejected = ByteBuffer(capacity: 1 << 16)
        var pending: [String: String] = [:]
        var pendingRejects = 0
        let window = FetchWalk.Window(account: definition.account, since: since(state), until: nil)
        let stats = try FetchWalk(client: client, window: window) { Interrupt.isRequested }.run({ page, record in
            guard state.delivered[record.identity] == nil else { return }
            pending[record.identity] = record.createdAt
            let bytes = page.bytes(of: record)
            guard let mapper else {
                bytes.withUnsafeBufferPointer { events.append($0) }
                events.append(UInt8(ascii: "\n"))
                return
            }
            bytes.withUnsafeBytes { mapper.feed($0) }
            withUnsafeBytes(of: UInt8(ascii: "\n")) { mapper.feed($0) }
            events.append(mapper.output.bytes)
            mapper.output.removeAll()
            for rejection in mapper.rejections {
                pendingRejects += 1
                rejection.text.withUnsafeBufferPointer { rejected.append($0) }
                rejected.append(UInt8(ascii: "\n"))
            }
            mapper.rejections.removeAll()
        }, pageDone: { stats in
            // Both files first, then the checkpoint that counts them.
            try rejects.write(UnsafeRawBufferPointer(rejected.bytes))
            try output.write(UnsafeRawBufferPointer(events.bytes))
            rejected.removeAll()
            events.removeAll()
            let rejectsPosition = try rejects.sync()
            let outputPosition = try output.sync()
            state.output = outputPosition
            state.rejects = rejectsPosition
            state.totalDelivered += pending.count
            run.records += pending.count
            run.rejects += pendingRejects
            state.delivered.merge(pending) { _, new in new }
            pending.removeAll()
            pendingRejects = 0
            state.cursor = stats.newest ?? state.cursor
            // Identities older than the lookback can never be re-read, so they are dropped.
            if let horizon = state.cursor.flatMap(Instant.init).flatMap({ Instant(moved(cursor: $0)) }) {
                state.delivered = state.delivered.filter { Instant($0.value).map { $0 >= horizon } ?? false }
            }
            run.pages = stats.pages
            do throws(FeedStoreError) { try store.save(state, for: name) } catch { throw FeedCommand.failure(error, feed: name) }
        })
        run.pages = stats.pages
    }

    /// Opens the output or rejects file against its checkpoint, saying what was cut or adopted.
    private func open(_ path: String, at checkpoint: FilePosition, what: String) throws -> FeedFile {
        let file: FeedFile
        do {
            file = try FeedFile(path: path, checkpoint: checkpoint)
        } catch {
            switch error {
            case .notOwn(let refusal): throw CommandFailure(.configuration, refusal.message, hint: refusal.hint)
            case .file(let problem): throw CommandFailure(.cannotCreate, problem.message, hint: problem.hint)
            }
        }
        if file.cutBytes > 0 {
            Console.status("feed", "'\(path)' had \(file.cutBytes) bytes past the checkpoint; cut and fetched again")
        }
        if file.adopted {
            Console.status("feed", "'\(path)' was moved away or emptied; the feed writes it anew from the start")
        }
        return file
    }

    /// Where this run starts: the cursor less the lookback, never before a reset's floor.
    private func since(_ state: FeedState) -> String {
        let fromCursor = state.cursor.flatMap { cursor in Instant(cursor).map { moved(cursor: $0) } } ?? definition.start
        guard let floor = state.floor, let floorInstant = Instant(floor), let start = Instant(fromCursor), start < floorInstant else {
            return fromCursor
        }
        return floor
    }

    /// The cursor moved back by the lookback, as RFC 3339 UTC.
    private func moved(cursor: Instant) -> String {
        let milliseconds = cursor.seconds * 1000 + cursor.nanoseconds / 1_000_000
        return formatTime(milliseconds - Int64(definition.lookback * 1000))
    }

    /// Any error of a run as the command reports it.
    static func failure(_ error: any Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: failure
        case let error as ClientError: error.failure
        case let problem as FileProblem: CommandFailure(.ioError, problem.message, hint: problem.hint)
        default: CommandFailure(.software, "the run failed: \(error)")
        }
    }
}
