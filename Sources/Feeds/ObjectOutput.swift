import Files
import Inputs
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// How a feed whose output is `s3://BUCKET/PREFIX` closes its objects: records go to the spool's
/// active files exactly as to a local feed's; at a page boundary, once the active files are full
/// (`--rotate-size`), old enough (`--rotate-interval`) or hold records of two UTC days, or at the
/// end of a one-shot run, they are sealed into objects (recorded in the state first, redone after
/// a crash) and emptied, and the sealed objects are uploaded (`ObjectDelivery`).
struct ObjectOutput {
    let spool: ObjectSpool
    let delivery: ObjectDelivery
    let rotateSize: Int64?
    let rotateInterval: Double?
    let now: () -> Int64
    /// A shared feed's part: its objects are committed through the feed's log, not just uploaded.
    var shared: SharedFeed?

    /// The default size and age of an object when the feed sets neither.
    static let defaultSize: Int64 = 64 << 20
    static let defaultInterval = 300.0
    /// The spool holds at most this many bytes of sealed objects before the feed stops fetching.
    static let defaultSpoolMax: Int64 = 1 << 30

    init(definition: FeedDefinition, name: FeedName, store: FeedStore, layout: ObjectLayout, client: S3Client, now: @escaping () -> Int64) {
        let active = store.activeFiles(of: definition, name: name)
        spool = ObjectSpool(directory: store.spoolDirectory(name), feed: name.text, layout: layout,
                            output: active.output, rejects: active.rejects)
        delivery = ObjectDelivery(client: client, layout: layout, manifest: store.manifestPath(name))
        rotateSize = definition.rotateSize ?? (definition.rotateInterval == nil ? ObjectOutput.defaultSize : nil)
        rotateInterval = definition.rotateInterval ?? (definition.rotateSize == nil ? ObjectOutput.defaultInterval : nil)
        self.now = now
    }

    func isDue(_ state: FeedState) -> Bool {
        guard state.output.offset > 0 || state.rejects.offset > 0 else { return false }
        if let first = state.activeFirst, let last = state.activeLast, first.prefix(10) != last.prefix(10) { return true }
        return FeedRotation.isFull(state, size: rotateSize, age: rotateInterval, now: now())
    }

    /// Plans the objects the active files make and records them before a byte is written.
    func seal(_ state: inout FeedState, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) {
        guard state.sealing == nil, state.output.offset > 0 || state.rejects.offset > 0 else { return }
        let taken = Set(state.pendingObjects.map(\.key)).union(ObjectDelivery.recentKeys(delivery.manifest))
        var objects = try spool.plan(taken: taken, limits: (state.output.offset, state.rejects.offset))
        if shared != nil, !objects.isEmpty { objects[objects.count - 1].checkpoint = SharedCheckpoint(state) }
        state.sealing = objects
        try save(state)
        try finishSealing(&state, save: save)
    }

    /// Writes the recorded objects (afresh, after a crash), hands them to the upload queue, and
    /// empties the active files: the state says so before they are cut, so a crash in between
    /// only cuts them on the next start.
    func finishSealing(_ state: inout FeedState, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) {
        guard var objects = state.sealing else { return }
        try spool.write(&objects, limits: (state.output.offset, state.rejects.offset))
        state.pendingObjects += objects
        state.sealing = nil
        forgetActiveFiles(&state)
        try save(state)
        for path in [spool.output, spool.rejects] { truncate(path, 0) }
    }

    /// The state's part of emptying the active files.
    private func forgetActiveFiles(_ state: inout FeedState) {
        state.output.offset = 0
        state.rejects.offset = 0
        state.activeSince = nil
        state.activeFirst = nil
        state.activeLast = nil
    }

    func upload(_ state: inout FeedState, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) {
        if let shared { try shared.commit(&state, objects: self, save: save) } else { try delivery.upload(&state, save: save) }
    }

    /// Drops what this host collected and did not commit (a shared feed whose log moved on
    /// without it): the sealed objects, the active files; with `checkpoint`, the state continues
    /// from it. Returns how many records (events) were dropped.
    @discardableResult
    func discard(_ state: inout FeedState, adopting checkpoint: SharedCheckpoint?) -> Int {
        func events(_ objects: [SealedObject]) -> Int { objects.filter { $0.kind == .events }.reduce(0) { $0 + $1.records } }
        // Objects being sealed are cut from the active files, which are emptied only after.
        let dropped = events(state.pendingObjects) + (state.sealing.map(events) ?? spool.activeRecords())
        for object in state.pendingObjects + (state.sealing ?? []) { try? DirectoryEntry.remove(object.file) }
        state.pendingObjects = []
        state.sealing = nil
        forgetActiveFiles(&state)
        state.uploadError = nil
        for path in [spool.output, spool.rejects] { truncate(path, 0) }
        guard let checkpoint else { return dropped }
        state.cursor = checkpoint.cursor
        state.floor = checkpoint.floor
        state.delivered = checkpoint.delivered
        state.totalDelivered = checkpoint.totalDelivered
        state.totalRejected = checkpoint.totalRejected
        // Everything up to a commit is in the bucket.
        state.uploadedRecords = checkpoint.totalDelivered
        return dropped
    }

    /// Events collected but not yet in the bucket (in the spool's active files or sealed objects).
    static func spooledRecords(_ state: FeedState) -> Int { max(0, state.totalDelivered - state.uploadedRecords) }

    /// Bytes of sealed objects waiting in the spool.
    static func pendingBytes(_ state: FeedState) -> Int64 { state.pendingObjects.reduce(0) { $0 + ($1.size ?? 0) } }
}
