import Inputs

/// An object sealed for the bucket: its final bytes in a spool file, its key and SHA-256
/// recorded before its first upload, so every retry sends the same bytes under the same key.
public struct SealedObject: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case events, rejects }

    public var kind: Kind
    public var key: String
    /// The spool file that holds the gzipped bytes.
    public var file: String
    /// Filled in once the file is complete and synced.
    public var sha256: String?
    public var size: Int64?
    public var records: Int
    /// The `created_at` range of the records (RFC 3339), as the key spells it.
    public var first: String
    public var last: String
    /// A shared feed's checkpoint as of this seal, on the seal's last object: the commit that
    /// delivers the objects up to here moves the feed to it.
    public var checkpoint: SharedCheckpoint?
}

/// Where an object-storage feed's objects go: `s3://BUCKET/PREFIX`, laid out as
/// `PREFIX/NAME/dt=YYYY-MM-DD/NAME.FIRSTZ-LASTZ.ndjson.gz` (Hive-style partitions by day) and
/// `PREFIX/NAME/rejects/dt=…/…` for the records that could not be normalized.
public struct ObjectLayout: Sendable, Equatable {
    public let bucket: String
    /// Empty, or ending in `/`.
    public let prefix: String

    /// `s3://BUCKET[/PREFIX]`; nil for any other output, or one `problem` refuses.
    public init?(output: String) {
        guard output.hasPrefix("s3://"), ObjectLayout.problem(output) == nil else { return nil }
        let rest = output.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        self.bucket = String(bucket)
        var prefix = String(rest.dropFirst(bucket.count + 1))
        if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
        self.prefix = prefix
    }

    /// Why `output` (starting `s3://`) is no bucket and prefix: a bad bucket name, or a prefix
    /// with an empty, `.` or `..` segment, which a store may read as a path into another prefix
    /// or, with path-style addressing, another bucket.
    public static func problem(_ output: String) -> String? {
        let rest = output.dropFirst(5)
        let bucket = String(rest.prefix { $0 != "/" })
        guard isBucketName(bucket) else {
            return "'\(output)' is not an s3:// output: give s3://BUCKET/PREFIX, the bucket 3-63 lower-case letters, digits, '.' and '-'"
        }
        guard SharedKeys.isPlain(String(rest.dropFirst(bucket.count + 1))) else {
            return "the prefix of '\(output)' has an empty, '.' or '..' segment: give s3://BUCKET/PREFIX with plain folder names"
        }
        return nil
    }

    /// 3–63 lower-case letters, digits, `.` and `-`, starting and ending with a letter or digit.
    static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func isLetterOrDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 }
        return isLetterOrDigit(bytes.first!) && isLetterOrDigit(bytes.last!)
            && bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    public var text: String { "s3://\(bucket)/\(prefix)" }

    /// The key of `feed`'s object of `kind` for records from `first` to `last` (RFC 3339, same UTC
    /// day), with `-N` from the second object of that range on.
    public func key(feed: String, kind: SealedObject.Kind, first: String, last: String, suffix: Int) -> String {
        let day = String(first.prefix(10))
        let range = ObjectLayout.compact(first) + "-" + ObjectLayout.compact(last) + (suffix > 1 ? "-\(suffix)" : "")
        let folder = kind == .events ? "\(prefix)\(feed)/dt=\(day)/" : "\(prefix)\(feed)/rejects/dt=\(day)/"
        return folder + "\(feed).\(range)" + (kind == .events ? ".ndjson.gz" : ".rejects.ndjson.gz")
    }

    /// `2026-11-29T10:00:00.123Z` → `20261129T100000Z`.
    static func compact(_ time: String) -> String {
        let digits = time.prefix(19).filter { $0 != "-" && $0 != ":" }
        return String(digits) + "Z"
    }
}

extension FeedDefinition {
    /// Why the definition cannot deliver: an s3:// output needs a store and a store an s3://
    /// output, sharing needs an s3:// output, and a single upload holds 5 GiB at most.
    public var objectOutputProblem: InvalidInput? {
        if output.hasPrefix("s3://"), let problem = ObjectLayout.problem(output) { return InvalidInput(problem, hint: "give s3://BUCKET/PREFIX") }
        let isObjectOutput = ObjectLayout(output: output) != nil
        if isObjectOutput && storage == nil {
            return InvalidInput("an s3:// output needs an object store", hint: "give --storage NAME (see 'cfaccess storage list')")
        }
        if !isObjectOutput && storage != nil { return InvalidInput("--storage goes with an s3:// output", hint: "give --output s3://BUCKET/PREFIX") }
        if shared == true && !isObjectOutput { return InvalidInput("--shared needs an s3:// output", hint: "give --output s3://BUCKET/PREFIX --storage NAME") }
        if lease != nil && shared != true { return InvalidInput("--lease goes with --shared", hint: "give --shared as well") }
        if isObjectOutput, let size = rotateSize, size > 5 << 30 {
            return InvalidInput("--rotate-size of an s3:// output is at most 5G", hint: "a single upload holds 5 GiB at most")
        }
        return nil
    }

    /// The feeds in `store` that deliver to the object store `storage`.
    public static func users(of storage: String, in store: FeedStore) -> [String] {
        store.names().filter { feed in (try? FeedName(feed)).flatMap { try? store.definition($0) }?.storage == storage }
    }
}
