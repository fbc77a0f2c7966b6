import Inputs

/// Where a shared feed keeps what its hosts agree on, under `PREFIX/NAME/_cfaccess/`: the lease,
/// the definition's digest, the commit log (`commits/SEQUENCE`, twenty digits, so keys list in
/// order) and the objects staged for a commit (`staging/SEQUENCE/HOLDER-NONCE/FILE`).
struct SharedKeys: Sendable {
    let bucket: String
    let base: String

    init(layout: ObjectLayout, feed: String) {
        bucket = layout.bucket
        base = layout.prefix + feed + "/_cfaccess/"
    }

    var lease: String { base + "lease" }
    var definition: String { base + "definition.json" }
    var commits: String { base + "commits/" }
    var staging: String { base + "staging/" }

    func commit(_ sequence: Int) -> String {
        let digits = String(sequence)
        return commits + String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// The sequence number a commit or staging key is for: digits only (no sign), at most
    /// twenty of them; nil for any other key.
    func sequence(of key: String) -> Int? {
        for folder in [commits, staging] where key.hasPrefix(folder) {
            let digits = key.utf8.dropFirst(folder.utf8.count).prefix { $0 != UInt8(ascii: "/") }
            guard (1...20).contains(digits.count), digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
            // More than 18 significant digits is past any bound: it is read as the largest number.
            let significant = digits.drop { $0 == UInt8(ascii: "0") }
            guard significant.count <= 18 else { return Int.max }
            return significant.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return nil
    }
}

/// The lease object: which process collects, since when (the store's clock), and for how long
/// after the object was last written. Every write carries a fresh nonce, so no two writes have
/// the same bytes (an ETag is often the bytes' MD5) and a conditional write can tell them apart.
struct LeaseRecord: Codable, Sendable, Equatable {
    var holder: String
    /// Counts the hand-overs: a new holder's term is one more than the last.
    var term: Int
    var nonce: String
    /// Seconds the lease lasts after its last renewal.
    var lease: Double
    /// When this term began, by the store's clock (RFC 3339).
    var since: String
    /// A clean stop gave the lease up: anyone may take it at once.
    var released: Bool?
}

/// What a commit makes the feed's checkpoint: where the next fetch starts, and the identities
/// inside the lookback that must not be delivered again.
public struct SharedCheckpoint: Codable, Sendable, Equatable {
    public var cursor: String?
    public var floor: String?
    public var delivered: [String: String]
    public var totalDelivered: Int
    public var totalRejected: Int

    init(_ state: FeedState) {
        cursor = state.cursor
        floor = state.floor
        delivered = state.delivered
        totalDelivered = state.totalDelivered
        totalRejected = state.totalRejected
    }

    init() {
        delivered = [:]
        totalDelivered = 0
        totalRejected = 0
    }
}

/// One entry of the commit log, created with `If-None-Match: *` at the next sequence number:
/// the objects it makes visible (each staged, then copied to its final key by whoever finds
/// the commit) and the checkpoint after them. A take-over writes one with no objects: any
/// commit a paused former holder tries at that number is refused.
struct CommitRecord: Codable, Sendable, Equatable {
    struct Object: Codable, Sendable, Equatable {
        var kind: SealedObject.Kind
        var key: String
        var staging: String
        var sha256: String
        var size: Int64
        var records: Int
        var first: String
        var last: String

        var sealed: SealedObject {
            SealedObject(kind: kind, key: key, file: "", sha256: sha256, size: size, records: records, first: first, last: last)
        }
    }

    var sequence: Int
    var holder: String
    /// Tells this writer's attempt from any other, when a retry finds the key taken.
    var nonce: String
    var objects: [Object]
    var checkpoint: SharedCheckpoint
}

/// A shared feed's lease and commit position as this host last saw them (in its local state,
/// for `feed status` and the metrics).
public struct SharedFacts: Codable, Sendable, Equatable {
    /// The commit this host's checkpoint and spool continue from.
    public var applied = 0
    /// The lease's ETag after this process's last write, while it holds the lease.
    public var leaseETag: String?
    /// The lease as last seen: its holder, when the term began and when it ends (store clock).
    public var holder: String?
    public var term = 0
    public var since: String?
    public var until: String?
    public var role: Role?

    public enum Role: String, Codable, Sendable {
        case collecting
        case standingBy = "standing by"
    }

    public init() {}
}
