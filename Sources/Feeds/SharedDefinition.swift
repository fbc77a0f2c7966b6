import FoundationEssentials
import Inputs
import Normalizer
import Storage

/// What every host of a shared feed must agree on: the fields that shape what lands in the
/// bucket. Kept with their SHA-256 under `_cfaccess/definition.json`, written by the first host
/// to collect (or by `feed update` on a shared feed); a host whose fields differ never collects.
struct SharedDefinition: Codable, Sendable, Equatable {
    var account: String
    var events: [String]
    var format: String
    var profiles: [String]?
    var rawData: Bool?
    var filter: RecordFilter?

    init(_ definition: FeedDefinition) {
        account = definition.account.text
        events = definition.events
        format = definition.format
        profiles = definition.profiles
        rawData = definition.rawData
        filter = definition.filter
    }

    /// The stored form: the fields and their digest.
    struct Stored: Codable {
        var definition: SharedDefinition
        var sha256: String
    }

    var sha256: String {
        var hasher = SHA256()
        (CompactJSON.bytes(self) ?? []).withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    /// The first field that differs from `other`, with both values, as the refusal names it.
    func difference(from other: SharedDefinition) -> (field: String, here: String, there: String)? {
        func text<Value: Encodable>(_ value: Value?) -> String {
            guard let value else { return "none" }
            return CompactJSON.bytes(value).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
        let fields: [(String, String, String)] = [
            ("account", account, other.account), ("events", text(events), text(other.events)), ("format", format, other.format),
            ("profiles", text(profiles), text(other.profiles)), ("raw data", text(rawData), text(other.rawData)),
            ("filters", text(filter), text(other.filter)),
        ]
        return fields.first { $0.1 != $0.2 }.map { (field: $0.0, here: $0.1, there: $0.2) }
    }

    /// Checks this host's fields against the bucket's, storing them when the bucket has none.
    func check(client: S3Client, keys: SharedKeys, feed: String) throws(FeedRunError) {
        for _ in 0..<3 {
            let stored: Stored?
            do throws(StorageError) {
                guard let response = try client.get(bucket: keys.bucket, key: keys.definition) else {
                    if try publish(client: client, keys: keys, replacing: nil) { return }
                    continue
                }
                stored = try? JSONDecoder().decode(Stored.self, from: Data(response.body))
            } catch {
                throw .upload(error, key: keys.definition)
            }
            guard let stored else {
                throw .setup("'\(keys.definition)' cannot be read; this host does not collect feed '\(feed)'",
                             hint: "run 'cfaccess feed update \(feed) --shared' on a host with the right definition to write it again")
            }
            guard stored.sha256 != sha256 else { return }
            let difference = difference(from: stored.definition) ?? (field: "digest", here: sha256, there: stored.sha256)
            throw .setup("this host's definition differs from the shared one in the bucket (\(difference.field): \(difference.here) here, \(difference.there) in the bucket); this host does not collect",
                         hint: "give this host the same definition ('cfaccess feed update \(feed) ...'); a change meant for every host is published by 'cfaccess feed update \(feed) --shared'")
        }
        throw .setup("the definition of feed '\(feed)' in the bucket keeps changing; this host does not collect", hint: "try again")
    }

    /// Writes the fields to the bucket, if it holds none (`replacing` nil) or still holds the
    /// version whose ETag is given: false when another write came first.
    func publish(client: S3Client, keys: SharedKeys, replacing etag: String?) throws(StorageError) -> Bool {
        let data = CompactJSON.bytes(Stored(definition: self, sha256: sha256)) ?? []
        return try client.put(bucket: keys.bucket, key: keys.definition, bytes: data, condition: etag.map { .matches($0) } ?? .absent) != nil
    }
}

extension FeedDefinition {
    /// True when `other` shapes the bucket's records as this does (what shared hosts agree on).
    public func shapesLike(_ other: FeedDefinition) -> Bool { SharedDefinition(self) == SharedDefinition(other) }
}

extension SharedFeed {
    /// Writes `definition`'s fields to the bucket as what every host must agree on (`feed update`
    /// of a shared feed). A feed becoming shared (`first`) must have delivered everything it
    /// collected; its checkpoint becomes the log's first commit, unless hosts already share it.
    public static func publish(_ definition: FeedDefinition, name: FeedName, state: FeedState, first: Bool, client: S3Client) throws(FeedRunError) {
        guard let layout = ObjectLayout(output: definition.output) else { return }
        let keys = SharedKeys(layout: layout, feed: name.text)
        let fields = SharedDefinition(definition)
        do throws(StorageError) {
            var published = false
            for _ in 0..<3 where !published {
                published = try fields.publish(client: client, keys: keys, replacing: try client.head(bucket: keys.bucket, key: keys.definition)?["etag"])
            }
            guard published else { throw StorageError(.http(412), code: "PreconditionFailed", detail: "the definition kept changing") }
        } catch {
            throw .upload(error, key: keys.definition)
        }
        guard first else { return }
        let log = CommitLog(client: client, keys: keys)
        let head = try log.head(after: 0)
        guard head == 0 else { return }
        _ = try log.create(CommitRecord(sequence: 1, holder: HostIdentity.current, nonce: SharedLease.nonce(), objects: [], checkpoint: SharedCheckpoint(state)))
    }
}
