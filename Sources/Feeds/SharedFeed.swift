import Client
import Files
import Inputs
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// One host's part in a shared feed (`--shared`): any number of hosts run it, the one holding
/// the lease collects, and records become the feed's only through its commit log in the bucket.
/// A run begins by renewing or taking the lease; a new holder first brings its state to the
/// log's head (finishing a commit whose objects are not in place, dropping uncommitted work
/// built on an older commit) and writes a take-over commit, which refuses any commit a paused
/// former holder still tries. Sealed objects are then staged, committed and copied into place.
public final class SharedFeed {
    let keys: SharedKeys
    let lease: SharedLease
    let log: CommitLog
    let definition: SharedDefinition
    let layout: ObjectLayout
    let feed: String
    /// When this process last wrote the lease (monotonic seconds).
    private var renewedAt = 0.0
    /// Told what the log did to this host's work (uncommitted records dropped), for the log.
    var report: (FeedRunner.Event) -> Void = { _ in }

    /// The lease's default period.
    public static let defaultLease = 120.0

    init(definition: FeedDefinition, name: FeedName, layout: ObjectLayout, client: S3Client, holder: String = HostIdentity.current) {
        keys = SharedKeys(layout: layout, feed: name.text)
        lease = SharedLease(client: client, keys: keys, holder: holder, period: definition.lease ?? SharedFeed.defaultLease)
        log = CommitLog(client: client, keys: keys)
        self.definition = SharedDefinition(definition)
        self.layout = layout
        feed = name.text
    }

    var holder: String { lease.holder }
    private var client: S3Client { lease.client }

    /// Renews or takes the lease, and as a new holder catches up with the log: true when this
    /// process collects, false when it stands by (the holder and its term are in the state).
    func begin(_ state: inout FeedState, objects: ObjectOutput, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) -> Bool {
        var facts = state.shared ?? SharedFacts()
        defer { state.shared = facts }
        let seen: SharedLease.Seen?
        do throws(StorageError) {
            if try renew(&facts) { return true }
            seen = try lease.read()
        } catch {
            throw .upload(error, key: keys.lease)
        }
        if let seen, !seen.isFree, seen.record?.holder != holder {
            note(seen, in: &facts)
            return false
        }
        try definition.check(client: client, keys: keys, feed: feed)
        do throws(StorageError) {
            guard let taken = try lease.take(seen) else {
                if let now = try lease.read() { note(now, in: &facts) }
                return false
            }
            note(taken, in: &facts)
        } catch {
            throw .upload(error, key: keys.lease)
        }
        try catchUp(&state, facts: &facts, objects: objects)
        state.shared = facts
        try save(state)
        return true
    }

    /// Renews the lease when a third of its period has gone by since the last write: false when
    /// another host has it now.
    func keepAlive(_ state: inout FeedState) throws(FeedRunError) -> Bool {
        guard CloudflareClient.now() - renewedAt >= lease.period / 3 else { return true }
        var facts = state.shared ?? SharedFacts()
        defer { state.shared = facts }
        do throws(StorageError) {
            if try renew(&facts) { return true }
            if let seen = try lease.read() { note(seen, in: &facts) }
        } catch {
            throw .upload(error, key: keys.lease)
        }
        facts.role = .standingBy
        return false
    }

    /// Gives the lease up (a clean stop, the end of a one-shot run): staged objects the log has
    /// settled are cleaned first. Failing that, the lease simply runs out.
    func release(_ state: inout FeedState) {
        guard var facts = state.shared, let (held, etag) = heldLease(facts) else { return }
        try? log.clean(upTo: facts.applied)
        try? lease.release(held, etag: etag)
        facts.leaseETag = nil
        facts.role = .standingBy
        facts.holder = nil
        facts.until = nil
        state.shared = facts
    }

    /// Rounds of `catchUp` that find their fence taken but no newer commit listed before the
    /// feed stops (78): a listing that hides the newest commit would otherwise be asked for ever.
    static let hiddenHeadRounds = 6

    /// Brings a new holder's state to the log's head and fences the log with a take-over commit.
    /// The commit this host continued from must still be in the log; a log that lost it, or a
    /// listed commit that cannot be read, stops the feed: nothing falls back to an empty checkpoint.
    private func catchUp(_ state: inout FeedState, facts: inout SharedFacts, objects: ObjectOutput) throws(FeedRunError) {
        var head = try log.head(after: try applied(facts))
        var hidden = 0
        while true {
            let record = head > 0 ? try log.readListed(head) : nil
            if let record { try log.finish(record) }
            let checkpoint = record?.checkpoint ?? SharedCheckpoint()
            if head != facts.applied {
                // Work this host did not commit was built on an older commit: it is fetched again.
                let dropped = objects.discard(&state, adopting: checkpoint)
                if dropped > 0 { report(.dropped(records: dropped, commit: head)) }
                facts.applied = head
            }
            let fence = CommitRecord(sequence: head + 1, holder: holder, nonce: SharedLease.nonce(), objects: [], checkpoint: checkpoint)
            if try log.create(fence) {
                facts.applied = head + 1
                break
            }
            let newer = try log.head(after: head)
            if newer == head {
                // Taken, yet not listed: the listing lags or hides it. Back off, and give up in the end.
                hidden += 1
                guard hidden < SharedFeed.hiddenHeadRounds else {
                    throw .setup("commit '\(keys.commit(head + 1))' exists but the store's listing does not show it after \(hidden) tries; the feed stopped",
                                 hint: "the store's listings are not consistent with its writes; run the feed again later, or check what answers for the store")
                }
                client.wait(seconds: min(8, 0.5 * Double(1 << hidden)))
            }
            head = newer
        }
        try log.clean(upTo: facts.applied)
    }

    /// Commits the sealed objects waiting in the spool, one seal at a time: staged, committed at
    /// the next number, copied into place. Throws `leaseHeld` when another holder committed that
    /// number first: this host's uncommitted work is dropped, never delivered.
    func commit(_ state: inout FeedState, objects output: ObjectOutput, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) {
        while let end = state.pendingObjects.firstIndex(where: { $0.checkpoint != nil }) {
            let group = Array(state.pendingObjects[...end])
            let sequence = try applied(state.shared ?? SharedFacts()) + 1
            let nonce = SharedLease.nonce()
            var staged: [CommitRecord.Object] = []
            for object in group { staged.append(try stage(object, sequence: sequence, nonce: nonce, state: &state, save: save)) }
            let record = CommitRecord(sequence: sequence, holder: holder, nonce: nonce, objects: staged, checkpoint: group.last!.checkpoint!)
            guard try log.create(record) else {
                // The number is another's commit, naming other objects: the staged ones go.
                for object in staged { try? client.delete(bucket: keys.bucket, key: object.staging) }
                let winner = (try? log.read(sequence))??.holder ?? "another host"
                let dropped = output.discard(&state, adopting: nil)
                if dropped > 0 { report(.dropped(records: dropped, commit: sequence)) }
                state.shared?.leaseETag = nil
                state.shared?.role = .standingBy
                try save(state)
                throw .leaseHeld(by: winner, until: nil)
            }
            try log.finish(record)
            for object in staged { try ObjectDelivery.append(object.sealed, to: output.delivery.manifest) }
            state.pendingObjects.removeFirst(group.count)
            state.uploadedObjects += group.count
            state.uploadedRecords += group.filter { $0.kind == .events }.reduce(0) { $0 + $1.records }
            state.uploadError = nil
            state.shared?.applied = sequence
            try save(state)
            for object in group {
                do throws(FileProblem) { try DirectoryEntry.remove(object.file) } catch { throw .file(error) }
            }
        }
    }

    /// The commit this host's state continues from, as its local state file says: input too, so
    /// bounded before a number is added to it.
    private func applied(_ facts: SharedFacts) throws(FeedRunError) -> Int {
        guard (0..<SharedBounds.counter - 1).contains(facts.applied) else {
            throw .setup("the state of feed '\(feed)' says it continues from commit \(facts.applied), outside 0 to 10^15; the feed stopped",
                         hint: "restore the state file from a backup")
        }
        return facts.applied
    }

    /// Uploads one sealed object to a staging key of its own, under a final key no other object
    /// holds (the next `-N` when one does).
    private func stage(_ object: SealedObject, sequence: Int, nonce: String, state: inout FeedState,
                       save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) -> CommitRecord.Object {
        guard let sha256 = object.sha256, let size = object.size else { throw .setup("'\(object.file)' was never sealed", hint: nil) }
        var key = object.key
        do throws(StorageError) {
            var suffix = 1
            while let headers = try client.head(bucket: keys.bucket, key: key), headers["x-amz-meta-cfaccess-sha256"] != sha256 {
                suffix += 1
                key = layout.key(feed: feed, kind: object.kind, first: object.first, last: object.last, suffix: suffix)
            }
            let staging = keys.staging + "\(sequence)/\(holder.replacing("/", with: "-"))-\(nonce)/" + String(key.split(separator: "/").last!)
            let metadata = ["cfaccess-sha256": sha256, "cfaccess-records": String(object.records)]
            _ = try client.put(bucket: keys.bucket, key: staging, path: object.file, size: size, sha256: sha256, metadata: metadata)
            return CommitRecord.Object(kind: object.kind, key: key, staging: staging, sha256: sha256, size: size, records: object.records,
                                       first: object.first, last: object.last)
        } catch {
            state.uploadError = FeedRunError.upload(error, key: key).message
            try save(state)
            throw .upload(error, key: key)
        }
    }

    /// The lease record this process wrote last and its ETag, while it holds the lease.
    private func heldLease(_ facts: SharedFacts) -> (LeaseRecord, etag: String)? {
        guard let etag = facts.leaseETag, facts.holder == holder, let since = facts.since else { return nil }
        return (LeaseRecord(holder: holder, term: facts.term, nonce: "", lease: lease.period, since: since), etag)
    }

    /// Renews the lease this process holds: false (and no ETag kept) when it holds none, or
    /// another host has it now.
    private func renew(_ facts: inout SharedFacts) throws(StorageError) -> Bool {
        if let (held, etag) = heldLease(facts), let renewed = try lease.renew(held, etag: etag) {
            note(renewed, in: &facts)
            return true
        }
        facts.leaseETag = nil
        return false
    }

    private func note(_ held: SharedLease.Held, in facts: inout SharedFacts) {
        renewedAt = CloudflareClient.now()
        facts.leaseETag = held.etag
        facts.holder = holder
        facts.term = held.record.term
        facts.since = held.record.since
        facts.until = SharedLease.text(held.until)
        facts.role = .collecting
    }

    private func note(_ seen: SharedLease.Seen, in facts: inout SharedFacts) {
        facts.holder = seen.isFree ? nil : seen.record?.holder
        facts.term = seen.record?.term ?? facts.term
        facts.since = seen.isFree ? nil : seen.since
        facts.until = seen.isFree ? nil : SharedLease.text(seen.until)
        facts.role = .standingBy
    }
}
