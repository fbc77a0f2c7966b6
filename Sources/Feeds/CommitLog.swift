import FoundationEssentials
import Storage

/// A shared feed's commit log in its bucket (`SharedKeys`): the one place that decides which
/// records are delivered. A commit is created at the next sequence number with
/// `If-None-Match: *`, so of two writers only one gets each number; its objects are staged
/// first and copied to their final keys after, by whoever finds the commit unfinished.
struct CommitLog {
    let client: S3Client
    let keys: SharedKeys

    /// The newest sequence number at or after `known` (a listing after it; `known` itself when
    /// nothing came after). A listed number at or past the bound stops the feed (78).
    func head(after known: Int) throws(FeedRunError) -> Int {
        let listed: [String]
        do throws(StorageError) {
            listed = try client.listAll(bucket: keys.bucket, prefix: keys.commits, startAfter: known > 0 ? keys.commit(known) : nil)
        } catch {
            throw .upload(error, key: keys.commits)
        }
        var head = known
        for key in listed {
            guard let sequence = keys.sequence(of: key) else { continue }
            guard sequence < SharedBounds.counter else { throw CommitLog.refusal(key, "its sequence number is \(sequence), not below 10^15", keys: keys) }
            head = max(head, sequence)
        }
        return head
    }

    /// The commit at `sequence`, nil when there is none.
    func read(_ sequence: Int) throws(FeedRunError) -> CommitRecord? {
        let key = keys.commit(sequence)
        let response: StorageResponse?
        do throws(StorageError) { response = try client.get(bucket: keys.bucket, key: key) } catch {
            throw .upload(error, key: key)
        }
        guard let response else { return nil }
        guard let record = try? JSONDecoder().decode(CommitRecord.self, from: Data(response.body)), record.sequence == sequence else {
            throw CommitLog.refusal(key, "it cannot be read as a commit", keys: keys)
        }
        if let problem = record.problem(keys: keys) { throw CommitLog.refusal(key, problem, keys: keys) }
        return record
    }

    /// Attempts at reading a commit a listing showed, and the pause after the first.
    static let listedAttempts = 4
    static let listedPause = 0.5

    /// The commit at `sequence`, which a listing showed or a commit named: a store that lists a
    /// key before it serves it gets a few more tries, then the feed stops (78). It never goes on
    /// as though the commit were not there.
    func readListed(_ sequence: Int) throws(FeedRunError) -> CommitRecord {
        for attempt in 0..<CommitLog.listedAttempts {
            if let record = try read(sequence) { return record }
            if attempt + 1 < CommitLog.listedAttempts { client.wait(seconds: CommitLog.listedPause * Double(1 << attempt)) }
        }
        throw .setup("commit '\(keys.commit(sequence))' is listed or was followed before, but the store answers 404 for it; the feed stopped and left the log as it is",
                     hint: "if the store is catching up, run the feed again later; if the prefix was emptied on purpose, collect again with a new feed (--start TIME, another prefix or name)")
    }

    /// The refusal of a lease or commit that cannot be believed: 78, naming the key and why.
    static func refusal(_ key: String, _ problem: String, keys: SharedKeys) -> FeedRunError {
        .setup("'\(key)' cannot be followed: \(problem); the feed stopped and left it as it is",
               hint: "something other than cfaccess wrote under '\(keys.base)'; find out what, restore or remove the object, then run the feed again")
    }

    /// Creates `record` at its sequence number: true when it is in the log (written now, or by
    /// an earlier attempt of this very write whose answer was lost), false when another took
    /// the number first.
    func create(_ record: CommitRecord) throws(FeedRunError) -> Bool {
        guard let data = CompactJSON.bytes(record) else { throw .setup("cannot encode commit \(record.sequence)", hint: nil) }
        let key = keys.commit(record.sequence)
        do throws(StorageError) {
            if try client.put(bucket: keys.bucket, key: key, bytes: data, condition: .absent) != nil { return true }
        } catch {
            throw .upload(error, key: key)
        }
        return try read(record.sequence)?.nonce == record.nonce
    }

    /// Puts every object of `record` at its final key (a copy of its staged object, unless the
    /// key already holds those bytes), then removes the staged objects. A commit whose object is
    /// neither staged nor in place stops the feed (78): its records would be skipped otherwise.
    func finish(_ record: CommitRecord) throws(FeedRunError) {
        for object in record.objects {
            let placement: Placement
            do throws(StorageError) {
                placement = try place(object)
                if placement == .inPlace { try client.delete(bucket: keys.bucket, key: object.staging) }
            } catch {
                // The commit stands and names the staged object: whoever finds the commit next copies it.
                var told = error
                told.detail += (told.detail.isEmpty ? "" : "; ") + "commit '\(keys.commit(record.sequence))' stands and its object is staged at '\(object.staging)'; the next run copies it into place"
                throw .upload(told, key: object.key)
            }
            let commit = keys.commit(record.sequence)
            switch placement {
            case .inPlace: continue
            case .otherBytes:
                throw .setup("the bucket holds '\(object.key)' with other bytes than commit '\(commit)' names; it was left as it is, and the feed stopped",
                             hint: "find out who wrote it; the staged object '\(object.staging)' is kept")
            case .lost:
                throw .setup("commit '\(commit)' names '\(object.key)', which is neither in place nor staged; the feed stopped before moving past its records",
                             hint: "its records (\(object.first) to \(object.last)) were not delivered: restore the object, or fetch them with 'cfaccess logs fetch --since \(object.first) --until \(object.last)'")
            }
        }
    }

    private enum Placement { case inPlace, otherBytes, lost }

    /// Copies a committed object to its final key unless it is there already. A copy counts as
    /// in place only once the final key shows the commit's hash: the staged object is input too.
    private func place(_ object: CommitRecord.Object) throws(StorageError) -> Placement {
        switch try holds(object) {
        case true?: return .inPlace
        case false?: return .otherBytes
        case nil:
            do throws(StorageError) {
                _ = try client.copy(bucket: keys.bucket, source: object.staging, key: object.key)
            } catch where error.status == 404 {
                // Gone from staging: another host may have finished the copy a moment ago.
                return try holds(object) == true ? .inPlace : .lost
            }
            return try holds(object) == true ? .inPlace : .otherBytes
        }
    }

    /// Whether the final key holds the object's bytes (by the SHA-256 kept with it): nil when
    /// it holds nothing, false when it holds other bytes.
    private func holds(_ object: CommitRecord.Object) throws(StorageError) -> Bool? {
        guard let headers = try client.head(bucket: keys.bucket, key: object.key) else { return nil }
        return headers["x-amz-meta-cfaccess-sha256"] == object.sha256
    }

    /// Removes staged objects whose sequence number is committed (`head` or before): those the
    /// commit names once they are in place, any other at once. A staged object of a number not
    /// yet committed may belong to a paused holder, and stays.
    func clean(upTo head: Int) throws(FeedRunError) {
        let staged: [String]
        do throws(StorageError) { staged = try client.listAll(bucket: keys.bucket, prefix: keys.staging) } catch { throw .upload(error, key: keys.staging) }
        var commits: [Int: CommitRecord] = [:]
        var finished = Set<Int>()
        for key in staged {
            guard let sequence = keys.sequence(of: key), sequence <= head else { continue }
            if commits[sequence] == nil, let record = try read(sequence) { commits[sequence] = record }
            guard let record = commits[sequence] else { continue }
            if record.objects.contains(where: { $0.staging == key }) {
                // Finishing places and unstages every object of the commit at once.
                if finished.insert(sequence).inserted { try finish(record) }
            } else {
                do throws(StorageError) { try client.delete(bucket: keys.bucket, key: key) } catch { throw .upload(error, key: key) }
            }
        }
    }

    /// Every object the log delivered, oldest commit first (`feed verify`).
    func delivered() throws(FeedRunError) -> [SealedObject] {
        let listed: [String]
        do throws(StorageError) { listed = try client.listAll(bucket: keys.bucket, prefix: keys.commits) } catch { throw .upload(error, key: keys.commits) }
        var objects: [SealedObject] = []
        for key in listed {
            guard let sequence = keys.sequence(of: key) else { continue }
            guard sequence < SharedBounds.counter else { throw CommitLog.refusal(key, "its sequence number is \(sequence), not below 10^15", keys: keys) }
            objects += try readListed(sequence).objects.map(\.sealed)
        }
        return objects
    }
}
