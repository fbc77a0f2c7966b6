import FoundationEssentials
import Inputs
import Storage

/// A shared feed's lease (`_cfaccess/lease`): taken and renewed only by conditional writes, so
/// of two hosts that saw it free only one gets it. Its age is the store's `Date` less its
/// `Last-Modified`, both the store's clock: hosts' clocks are never compared. The lease decides
/// who spends the effort of collecting; what keeps records once is the commit log.
struct SharedLease {
    let client: S3Client
    let keys: SharedKeys
    let holder: String
    /// Seconds the lease lasts after each write.
    let period: Double

    /// The lease as read: its record (nil when it cannot be read, which leaves it free), its
    /// ETag, and the store's times in Unix seconds.
    struct Seen {
        var record: LeaseRecord?
        var etag: String
        var lastModified: Int64
        var storeNow: Int64

        /// Given up, unreadable, or not renewed for its period (one second more, as both times
        /// are whole seconds).
        var isFree: Bool {
            guard let record, record.released != true else { return true }
            return Double(storeNow - lastModified) >= record.lease + 1
        }

        var until: Int64 { lastModified + Int64((record?.lease ?? 0).rounded(.up)) }
        var since: String { record.map(\.since).flatMap { $0.isEmpty ? nil : $0 } ?? SharedLease.text(lastModified) }
    }

    /// The lease as the store has it; a record whose numbers are out of bounds (a lease of
    /// 1e300 s, a term at the integer's limit) is refused (`unbelievable`), never acted on.
    func read() throws(StorageError) -> Seen? {
        guard let response = try client.get(bucket: keys.bucket, key: keys.lease) else { return nil }
        let storeNow = response.headers["date"].flatMap(HTTPDate.seconds) ?? 0
        let record = try? JSONDecoder().decode(LeaseRecord.self, from: Data(response.body))
        if let problem = record?.problem { throw StorageError(.unbelievable, detail: "'\(keys.lease)' cannot be followed: \(problem)") }
        return Seen(record: record, etag: response.headers["etag"] ?? "",
                    lastModified: response.headers["last-modified"].flatMap(HTTPDate.seconds) ?? storeNow, storeNow: storeNow)
    }

    /// What a write of the lease gave: its record, its ETag, and until when it holds (store clock).
    struct Held {
        var record: LeaseRecord
        var etag: String
        var until: Int64
    }

    /// Takes the lease `seen` found free (or absent): a new term. Nil when another host's
    /// conditional write came first.
    func take(_ seen: Seen?) throws(StorageError) -> Held? {
        let record = LeaseRecord(holder: holder, term: (seen?.record?.term ?? 0) + 1, nonce: SharedLease.nonce(), lease: period,
                                 since: seen.map { SharedLease.text($0.storeNow) } ?? "")
        return try write(record, condition: seen.map { .matches($0.etag) } ?? .absent)
    }

    /// Renews the lease this process holds (its last ETag): nil when it is not its any more.
    func renew(_ held: LeaseRecord, etag: String) throws(StorageError) -> Held? {
        var record = held
        record.nonce = SharedLease.nonce()
        record.lease = period
        return try write(record, condition: .matches(etag))
    }

    /// Gives the lease up at once, if it is still this process's.
    func release(_ held: LeaseRecord, etag: String) throws(StorageError) {
        var record = held
        record.nonce = SharedLease.nonce()
        record.released = true
        _ = try write(record, condition: .matches(etag))
    }

    /// A conditional write of `record`; a 412 after a lost answer is recognised by the nonce.
    private func write(_ record: LeaseRecord, condition: S3Client.Condition) throws(StorageError) -> Held? {
        var record = record
        if let answer = try client.put(bucket: keys.bucket, key: keys.lease, bytes: CompactJSON.bytes(record) ?? [], condition: condition) {
            let storeNow = answer["date"].flatMap(HTTPDate.seconds) ?? 0
            if record.since.isEmpty {
                record.since = SharedLease.text(storeNow)
            }
            return Held(record: record, etag: answer["etag"] ?? "", until: storeNow + Int64(period.rounded(.up)))
        }
        guard let seen = try read(), seen.record?.nonce == record.nonce, let written = seen.record else { return nil }
        return Held(record: written, etag: seen.etag, until: seen.until)
    }

    /// RFC 3339 of a store time.
    static func text(_ seconds: Int64) -> String { TimeInput(milliseconds: seconds * 1000).rfc3339 }

    static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next(), radix: 36) + String(generator.next(), radix: 36)
    }
}
