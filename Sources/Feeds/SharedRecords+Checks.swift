import Storage

/// What a lease or a commit read back from the bucket must hold before cfaccess acts on it.
/// Anyone who can write the prefix can write these objects, so each is input: every number is
/// bounded (nothing read can overflow or trap), and every key a commit names lies in the feed's
/// own folders, so following a commit never reads, copies or deletes anything else.
enum SharedBounds {
    /// Terms and sequence numbers stay below this: a commit a second for thirty million years.
    static let counter = 1_000_000_000_000_000
    /// A lease lasts 5 seconds to an hour (`--lease`).
    static let lease = 5.0...3_600.0
    /// A single upload holds 5 GiB at most.
    static let size: Int64 = 5 << 30
}

extension SharedKeys {
    /// The feed's own folder, `PREFIX/NAME/`.
    var feedRoot: String { String(base.dropLast("_cfaccess/".count)) }

    /// Whether `key` is one a commit may name as an object's final key: under the feed's events
    /// (`dt=…/`) or rejects folder.
    func isFinalKey(_ key: String, kind: SealedObject.Kind) -> Bool {
        SharedKeys.isObject(key, under: kind == .events ? feedRoot + "dt=" : feedRoot + "rejects/dt=")
    }

    /// Whether `key` is one a commit of `sequence` may name as a staged object: under
    /// `_cfaccess/staging/SEQUENCE/`.
    func isStagingKey(_ key: String, sequence: Int) -> Bool { SharedKeys.isObject(key, under: staging + "\(sequence)/") }

    /// An object's key (no trailing `/`) under `folder`, with no empty, `.` or `..` segment.
    private static func isObject(_ key: String, under folder: String) -> Bool { key.hasPrefix(folder) && !key.hasSuffix("/") && isPlain(key) }

    /// No empty (but a trailing), `.` or `..` segment: the rule every key sent keeps (`S3Client.checkSegments`).
    static func isPlain(_ key: String) -> Bool { (try? S3Client.checkSegments(key)) != nil }
}

extension LeaseRecord {
    /// The field that is out of bounds, and how, when there is one.
    var problem: String? {
        guard lease.isFinite, SharedBounds.lease.contains(lease) else { return "its lease is \(lease) s, outside 5 s to 1 h" }
        guard (0..<SharedBounds.counter).contains(term) else { return "its term is \(term), outside 0 to 10^15" }
        return nil
    }
}

extension CommitRecord {
    /// The field that is out of bounds or names a key outside the feed's folders, when there is one.
    func problem(keys: SharedKeys) -> String? {
        guard (1..<SharedBounds.counter).contains(sequence) else { return "its sequence is \(sequence), outside 1 to 10^15" }
        for object in objects {
            guard keys.isFinalKey(object.key, kind: object.kind) else {
                return "it names '\(object.key)' as a final key, which is not under '\(keys.feedRoot)\(object.kind == .events ? "dt=" : "rejects/dt=")'"
            }
            guard keys.isStagingKey(object.staging, sequence: sequence) else {
                return "it names '\(object.staging)' as a staged object, which is not under '\(keys.staging)\(sequence)/'"
            }
            guard (0...SharedBounds.size).contains(object.size) else { return "the size of '\(object.key)' is \(object.size), outside 0 to 5 GiB" }
            guard object.records >= 0 else { return "the record count of '\(object.key)' is \(object.records), below 0" }
            guard object.sha256.utf8.count == 64, object.sha256.utf8.allSatisfy({ $0 &- 48 < 10 || $0 &- 97 < 6 }) else {
                return "the SHA-256 of '\(object.key)' is not 64 hex digits"
            }
        }
        guard checkpoint.totalDelivered >= 0, checkpoint.totalRejected >= 0 else { return "its checkpoint counts fewer than 0 records" }
        return nil
    }
}
