import Inputs
import Storage

/// What `feed verify` finds of each object a feed delivered: there and unchanged (its size and
/// SHA-256 as sealed, read back from the store and hashed here, since not every store checks
/// the hash it is sent), missing, or altered.
public struct ObjectVerification: Sendable {
    public enum Finding: String, Sendable { case ok, missing, altered }

    public var object: SealedObject
    public var finding: Finding

    /// Checks every object in the feed's list against the bucket, in the order delivered.
    static func check(_ delivered: [SealedObject], client: S3Client, layout: ObjectLayout) throws(StorageError) -> [ObjectVerification] {
        var findings: [ObjectVerification] = []
        for object in delivered {
            let digest = try client.digest(bucket: layout.bucket, key: object.key, expected: object.size ?? 0)
            let finding: Finding = digest == nil ? .missing : (digest?.sha256 == object.sha256 && digest?.size == object.size ? .ok : .altered)
            findings.append(ObjectVerification(object: object, finding: finding))
        }
        return findings
    }
}

extension FeedStore {
    /// The objects an object-storage feed delivered, checked against its bucket; or the files a
    /// local feed rotated, checked on the disk (nil `client`).
    /// A shared feed's objects are those its commit log names, whichever host delivered them.
    public func verify(_ definition: FeedDefinition, name: FeedName, client: S3Client?) throws(FeedRunError) -> [ObjectVerification] {
        let delivered = if definition.shared == true, let layout = ObjectLayout(output: definition.output), let client {
            try CommitLog(client: client, keys: SharedKeys(layout: layout, feed: name.text)).delivered()
        } else {
            ObjectDelivery.delivered(manifestPath(name))
        }
        guard let layout = ObjectLayout(output: definition.output), let client else {
            return delivered.map { object in
                let digest = FeedRotation.digest(object.file)
                return ObjectVerification(object: object, finding: digest == nil ? .missing
                                          : (digest?.0 == object.sha256 && digest?.1 == object.size ? .ok : .altered))
            }
        }
        do throws(StorageError) { return try ObjectVerification.check(delivered, client: client, layout: layout) } catch {
            throw .upload(error, key: "")
        }
    }
}
