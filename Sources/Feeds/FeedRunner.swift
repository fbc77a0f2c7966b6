import Client
import Files
import Inputs
import Normalizer
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// One run of a feed (DESIGN.md §8): from the checkpoint (less the lookback, never before a
/// reset's floor) to now, appending events to the output and unnormalizable records to the
/// rejects file, and checkpointing only after each page of both is on disk. On start, bytes past
/// the checkpoint (from a run that died before its checkpoint) are cut off and fetched again; a
/// file at either path that is not the feed's own is refused (`FeedFile`). A full output is
/// rotated at a page boundary (`FeedRotation`). Whatever stops a run is recorded as its error in
/// the state, next to the last checkpoint.
public struct FeedRunner {
    /// What a run has to tell about its files, as it happens.
    public enum Event: Sendable, Equatable {
        case cut(path: String, bytes: Int64)
        case adopted(path: String)
        case rotated(to: String)
        /// A page was delivered and checkpointed: records delivered in this run so far, and the
        /// newest `created_at` reached.
        case page(records: Int, reached: String?)
        /// A shared feed's log moved on without this host: records it collected and did not
        /// commit were dropped (they are fetched again from the commit's checkpoint).
        case dropped(records: Int, commit: Int)
    }

    /// Events are handed to the writer in blocks of about this size while a page is read.
    static let writeSize = 256 * 1024

    public let definition: FeedDefinition
    public let name: FeedName
    public let store: FeedStore
    public let source: AccessLogSource
    public var isCancelled: () -> Bool = { false }
    public var report: (Event) -> Void = { _ in }
    /// Unix milliseconds; tests move it to rotate by age.
    public var now: () -> Int64 = TimeInput.nowMilliseconds
    /// For a feed whose output is `s3://BUCKET/PREFIX`: a client of its object store.
    public var objectStore: S3Client?
    /// A one-shot run seals and uploads what it collected before it returns, and of a shared feed
    /// held by another host, fails (75); a cycle of the service leaves the active files open until
    /// their size, age or a new day closes them, and stands by while another host collects.
    public var isOneShot = true

    public init(definition: FeedDefinition, name: FeedName, store: FeedStore, source: AccessLogSource) {
        self.definition = definition
        self.name = name
        self.store = store
        self.source = source
    }

    public func run(state initial: FeedState) throws(FeedRunError) -> FeedState {
        var state = initial
        var run = FeedState.Run(started: TimeInput(milliseconds: now()).rfc3339)
        let requestsBefore = source.retries
        var objects: ObjectOutput?
        do throws(FeedRunError) {
            try noteToken(in: &state)
            objects = try objectOutput()
            try deliver(&state, &run, objects: objects)
        } catch where error.isLeaseHeld && !isOneShot {
            // Another host collects the shared feed: the service stands by, which is no failure.
        } catch {
            if !error.isLeaseHeld {
                run.error = error.message
                run.retries = source.retries - requestsBefore
                run.ended = TimeInput(milliseconds: now()).rfc3339
                state.lastRun = run
                state.failures += 1
            }
            if isOneShot { objects?.shared?.release(&state) }
            // The checkpoint in `state` is the last one saved: recording the error moves nothing.
            do { try store.save(state, for: name) } catch let saving {
                throw .unrecorded(error, because: FeedRunError.store(saving).message)
            }
            throw error
        }
        if isOneShot { objects?.shared?.release(&state) }
        run.retries = source.retries - requestsBefore
        run.ended = TimeInput(milliseconds: now()).rfc3339
        state.lastRun = run
        state.lastSuccess = run.ended
        state.failures = 0
        do { try store.save(state, for: name) } catch { throw .store(error) }
        return state
    }

    /// How often a feed asks Cloudflare about its token, for the expiry its health and the
    /// metrics report.
    static let tokenCheckInterval: Int64 = 6 * 3_600_000

    /// Verifies the token when the state knows nothing of it, or nothing recent. A refusal
    /// changes nothing here (the fetch itself says what is wrong with the token); an API that
    /// cannot be reached after the retries ends the run (69), rather than the fetch trying
    /// again as many times.
    private func noteToken(in state: inout FeedState) throws(FeedRunError) {
        let now = now()
        if let known = state.token, known.name == definition.token, let checked = Instant(known.checkedAt),
           now / 1000 - checked.seconds < FeedRunner.tokenCheckInterval / 1000 {
            return
        }
        guard !isCancelled() else { return }
        let status: TokenStatus?
        do throws(ClientError) { status = try source.tokenStatus(account: definition.account) } catch {
            if case .transport = error.kind, error.isRetryable { throw .api(source.explain(error, account: definition.account)) }
            return
        }
        guard let status else { return }
        state.token = FeedState.TokenFacts(name: definition.token, checkedAt: TimeInput(milliseconds: now).rfc3339, expiresOn: status.expiresOn)
    }

    /// What the current page has produced and not yet checkpointed.
    private final class Batch {
        let events = ByteBuffer(capacity: 2 * FeedRunner.writeSize)
        let rejected = ByteBuffer(capacity: 1 << 16)
        /// Identities of the page's new records, with their `created_at`.
        var pending: [String: String] = [:]
        var rejects = 0
        /// Events of this page were already handed to the writer.
        var handedOver = false
    }

    /// The feed's two files as a run writes them; the output changes when it is rotated.
    private struct OpenFiles {
        var output: FeedFile
        var rejects: FeedFile
    }

    private func deliver(_ state: inout FeedState, _ run: inout FeedState.Run, objects: ObjectOutput?) throws(FeedRunError) {
        let rotation = FeedRotation(definition: definition, name: name, store: store, now: now)
        let closing = Closing(rotation: rotation, objects: objects, spoolMax: definition.spoolMax ?? ObjectOutput.defaultSpoolMax)
        if let objects, let shared = objects.shared, try !shared.begin(&state, objects: objects, save: save) {
            throw .leaseHeld(by: state.shared?.holder ?? "another host", until: state.shared?.until)
        }
        if let objects {
            try objects.finishSealing(&state, save: save)
            try closing.send(&state, save: save)
        } else {
            try rotation.finishPending(&state)
        }
        let paths = store.activeFiles(of: definition, name: name)
        var files = OpenFiles(output: try open(paths.output, at: state.output), rejects: try open(paths.rejects, at: state.rejects))
        if state.output != files.output.position || state.rejects != files.rejects.position {
            // A new or adopted file is recorded before anything is written to it: a run killed
            // before its first checkpoint must find its own file on the next start.
            state.output = files.output.position
            state.rejects = files.rejects.position
            try save(state)
        }
        // A full spool stops the fetching, not the uploads: the feed falls behind, drops nothing.
        closing.noteSpool(state)
        if !closing.spoolFull {
            do throws(FeedRunError) { try walk(&state, &run, files: &files, closing: closing) } catch {
                if error.isDiskFull, let objects { try? deliverWhatIsSealed(&state, objects: objects, closing: closing) }
                throw error
            }
        }
        if let objects {
            if isOneShot || objects.isDue(state) { try objects.seal(&state, save: save) }
            try closing.send(&state, save: save)
            if !state.pendingObjects.isEmpty, let failure = closing.uploadFailure { throw failure }
        } else if rotation.isDue(state) {
            // A feed with nothing new still rotates by age.
            try rotation.rotate(&state, report: report)
        }
    }

    /// A full disk stops the fetching; what the spool holds still goes out: the sealed objects
    /// are uploaded (which frees their space), then the checkpointed part of the active files is
    /// sealed (sealing reads no byte past the checkpoint) and uploaded too, if there is room.
    private func deliverWhatIsSealed(_ state: inout FeedState, objects: ObjectOutput, closing: Closing) throws(FeedRunError) {
        try closing.send(&state, save: save)
        try objects.seal(&state, save: save)
        try closing.send(&state, save: save)
    }

    /// How the active files close at a page boundary: rotated (a local output), or sealed into
    /// objects and uploaded (an object store's).
    private final class Closing {
        let rotation: FeedRotation
        let objects: ObjectOutput?
        let spoolMax: Int64
        /// An upload that failed: collection goes on, and the run reports it at its end if the
        /// object is still waiting then.
        var uploadFailure: FeedRunError?
        /// The sealed objects waiting fill the spool: the walk stops at the next page boundary.
        private(set) var spoolFull = false

        init(rotation: FeedRotation, objects: ObjectOutput?, spoolMax: Int64) {
            self.rotation = rotation
            self.objects = objects
            self.spoolMax = spoolMax
        }

        func noteSpool(_ state: FeedState) {
            spoolFull = objects != nil && ObjectOutput.pendingBytes(state) >= spoolMax
        }

        /// Uploads (or, for a shared feed, commits) the sealed objects; a failure is noted for the
        /// run's end, except that another host holding a shared feed stops the run at once.
        func send(_ state: inout FeedState, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) {
            do throws(FeedRunError) { try objects?.upload(&state, save: save) } catch {
                if error.isLeaseHeld { throw error }
                uploadFailure = error
            }
        }
    }

    /// The fetch from the checkpoint, each page checkpointed once both files are on disk.
    private func walk(_ state: inout FeedState, _ run: inout FeedState.Run, files: inout OpenFiles, closing: Closing) throws(FeedRunError) {
        let mapper = definition.format == "ocsf" ? OCSFMapper(options: definition.mapOptions) : nil
        let batch = Batch()
        let window = FetchWalk.Window(account: definition.account, since: since(state), until: nil, filter: definition.filter)
        do {
            let stats = try FetchWalk(source: source, window: window, isCancelled: { isCancelled() || closing.spoolFull }).run({ page, record in
                guard state.delivered[record.identity] == nil else { return }
                batch.pending[record.identity] = record.createdAt
                try take(page.bytes(of: record), into: batch, mapper: mapper, output: files.output)
            }, pageDone: { stats in
                try checkpoint(batch, stats: stats, state: &state, run: &run, files: &files, closing: closing)
            })
            run.pages = stats.pages
        } catch let error as FeedRunError {
            throw error
        } catch let error as ClientError {
            throw .api(source.explain(error, account: definition.account))
        } catch {
            throw .file(FileProblem(.io(errno: EIO), "the run failed: \(error)"))
        }
    }

    /// The object output of a feed whose output is `s3://…`, its spool made private; nil for a
    /// local output.
    private func objectOutput() throws(FeedRunError) -> ObjectOutput? {
        if definition.output.hasPrefix("s3://"), let problem = ObjectLayout.problem(definition.output) {
            throw .setup(problem, hint: "give the feed a plain prefix with 'cfaccess feed update \(name) --output s3://BUCKET/PREFIX'")
        }
        guard let layout = ObjectLayout(output: definition.output) else { return nil }
        guard let objectStore else {
            throw .setup("feed '\(name)' writes to \(layout.text) but has no object store", hint: "give it one with 'cfaccess feed update \(name) --storage NAME'")
        }
        do throws(FileProblem) {
            try PrivateDirectory.make(store.directory + "/spool")
            try PrivateDirectory.make(store.spoolDirectory(name))
        } catch {
            throw .file(error)
        }
        var output = ObjectOutput(definition: definition, name: name, store: store, layout: layout, client: objectStore, now: now)
        if definition.shared == true {
            let shared = SharedFeed(definition: definition, name: name, layout: layout, client: objectStore)
            shared.report = report
            output.shared = shared
        }
        return output
    }

    /// Maps (or copies) one new record into the batch; events go to the writer while the rest of
    /// the page is read, and the page's end waits for them.
    private func take(_ bytes: ArraySlice<UInt8>, into batch: Batch, mapper: OCSFMapper?, output: FeedFile) throws(FeedRunError) {
        if let mapper {
            mapper.map(record: bytes, appendingTo: batch.events) { rejection in
                batch.rejects += 1
                rejection.text.withUnsafeBufferPointer { batch.rejected.append($0) }
                batch.rejected.append(UInt8(ascii: "\n"))
            }
        } else {
            bytes.withUnsafeBufferPointer { batch.events.append($0) }
            batch.events.append(UInt8(ascii: "\n"))
        }
        if batch.events.count >= FeedRunner.writeSize {
            batch.handedOver = true
            do throws(FileProblem) { try output.write(takingContentsOf: batch.events) } catch { throw .file(error) }
        }
    }

    /// At a page's end: both files written and durable, then the checkpoint that counts them,
    /// then a rotation if one is due. A page of records already delivered (the lookback re-read)
    /// changes nothing.
    private func checkpoint(_ batch: Batch, stats: FetchWalk.Stats, state: inout FeedState, run: inout FeedState.Run,
                            files: inout OpenFiles, closing: Closing) throws(FeedRunError) {
        // A page the filter dropped whole still moves the checkpoint past it.
        let passes = stats.newest.flatMap(Instant.init).map { newest in state.cursor.flatMap(Instant.init).map { newest > $0 } ?? true } ?? false
        guard !batch.pending.isEmpty || (passes && stats.filtered > 0) else { return }
        let handedOver = batch.handedOver || !batch.events.isEmpty
        do throws(FileProblem) {
            try files.rejects.write(takingContentsOf: batch.rejected)
            try files.output.write(takingContentsOf: batch.events)
            // Both files durable before either position moves: a failed run's state is saved,
            // and must not count bytes whose records were not delivered.
            let rejectsPosition = try files.rejects.sync()
            let outputPosition = try files.output.sync()
            state.rejects = rejectsPosition
            state.output = outputPosition
        } catch {
            throw .file(error)
        }
        if handedOver && state.activeSince == nil { state.activeSince = TimeInput(milliseconds: now()).rfc3339 }
        note(batch, in: &state)
        run.records += batch.pending.count
        run.rejects += batch.rejects
        batch.pending.removeAll()
        batch.rejects = 0
        batch.handedOver = false
        // A run re-reading its lookback walks behind the checkpoint: the cursor never moves
        // back, or the next run would re-read records whose identities were already pruned.
        if let newest = stats.newest, let instant = Instant(newest), state.cursor.flatMap(Instant.init).map({ instant > $0 }) ?? true {
            state.cursor = newest
        }
        // Identities older than the lookback can never be re-read, so they are dropped.
        if let horizon = state.cursor.flatMap(Instant.init).flatMap({ Instant(moved(cursor: $0)) }) {
            state.delivered = state.delivered.filter { Instant($0.value).map { $0 >= horizon } ?? false }
        }
        run.pages = stats.pages
        try save(state)
        report(.page(records: run.records, reached: state.cursor))
        if let shared = closing.objects?.shared, try !shared.keepAlive(&state) {
            try save(state)
            throw .leaseHeld(by: state.shared?.holder ?? "another host", until: state.shared?.until)
        }
        if let objects = closing.objects {
            guard objects.isDue(state) else { return }
            try objects.seal(&state, save: save)
            files = OpenFiles(output: try open(objects.spool.output, at: state.output), rejects: try open(objects.spool.rejects, at: state.rejects))
            // After a failed upload the store is left alone until the run's end: every page
            // would otherwise wait out the retries again.
            if closing.uploadFailure == nil { try closing.send(&state, save: save) }
            closing.noteSpool(state)
        } else if closing.rotation.isDue(state) {
            try closing.rotation.rotate(&state, report: report)
            files.output = try open(definition.output, at: state.output)
            // The new active file is the feed's before a byte is written to it.
            state.output = files.output.position
            try save(state)
        }
    }

    /// Counts the batch's records as delivered, and widens the range of record times in the
    /// active file, which its rotated name gives.
    private func note(_ batch: Batch, in state: inout FeedState) {
        for createdAt in batch.pending.values {
            guard let instant = Instant(createdAt) else { continue }
            if state.activeFirst.flatMap(Instant.init).map({ instant < $0 }) ?? true { state.activeFirst = createdAt }
            if state.activeLast.flatMap(Instant.init).map({ instant > $0 }) ?? true { state.activeLast = createdAt }
        }
        state.totalDelivered += batch.pending.count
        state.totalRejected += batch.rejects
        state.delivered.merge(batch.pending) { _, new in new }
    }

    private func save(_ state: FeedState) throws(FeedRunError) {
        do { try store.save(state, for: name) } catch { throw .store(error) }
    }

    /// Opens the output or rejects file against its checkpoint, reporting what was cut or adopted.
    private func open(_ path: String, at checkpoint: FilePosition) throws(FeedRunError) -> FeedFile {
        let file: FeedFile
        do {
            file = try FeedFile(path: path, checkpoint: checkpoint)
        } catch {
            switch error {
            case .notOwn(let refusal): throw .notOwn(refusal)
            case .file(let problem): throw .file(problem)
            }
        }
        if file.cutBytes > 0 { report(.cut(path: path, bytes: file.cutBytes)) }
        if file.adopted { report(.adopted(path: path)) }
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
        return TimeInput(milliseconds: milliseconds - Int64(definition.lookback * 1000)).rfc3339
    }
}
