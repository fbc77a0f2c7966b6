import Files
#if canImport(Glibc)
import Glibc
#endif

/// What `storage check` asks a store (like `token check-scopes` of Cloudflare): does the key
/// sign and may it list under the prefix, write a small probe object there (only if no object
/// has its key), read it back with its hash intact, and delete it. The steps stop at the first
/// that fails; the probe is removed whatever happens after it was written.
public struct StorageProbe {
    public struct Step: Sendable {
        public var name: String
        /// What passing proved, or nil when the step failed.
        public var detail: String?
        public var error: StorageError?
    }

    public private(set) var steps: [Step] = []
    public var failure: StorageError? { steps.last?.error }

    static let text = "cfaccess storage check: this object is removed right after it is written\n"

    public init(client: S3Client, bucket: String, prefix: String) {
        var seen = 0
        run("list", { "the key signs, bucket '\(bucket)' exists, listing under '\(prefix)' is allowed (\(seen) objects seen)" }) { () throws(StorageError) in
            seen = try client.list(bucket: bucket, prefix: prefix, limit: 10).count
        }
        let probe = prefix + ".cfaccess-check-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        var hasher = SHA256()
        Array(StorageProbe.text.utf8).withUnsafeBytes { hasher.update($0) }
        let hash = hasher.finish()
        var written = false
        run("write", { "wrote '\(probe)' (only if no object had that key)" }) { () throws(StorageError) in
            try StorageProbe.write(probe, hash: hash, bucket: bucket, client: client)
            written = true
        }
        run("read", { "read it back, its hash intact" }) { () throws(StorageError) in
            guard let digest = try client.digest(bucket: bucket, key: probe, expected: Int64(StorageProbe.text.utf8.count)), digest.sha256 == hash else {
                throw StorageError(.http(404), code: "NoSuchKey", detail: "the probe object is not there, or not as written")
            }
        }
        run("delete", { "removed it" }) { () throws(StorageError) in try client.delete(bucket: bucket, key: probe) }
        if written && failure != nil { try? client.delete(bucket: bucket, key: probe) }
    }

    private mutating func run(_ name: String, _ detail: () -> String, _ body: () throws(StorageError) -> Void) {
        guard failure == nil else { return }
        do throws(StorageError) {
            try body()
            steps.append(Step(name: name, detail: detail()))
        } catch {
            steps.append(Step(name: name, error: error))
        }
    }

    /// The probe goes up from a private temporary file, as a feed's objects go up from its spool.
    private static func write(_ probe: String, hash: String, bucket: String, client: S3Client) throws(StorageError) {
        var template = Array("/tmp/cfaccess-check-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw StorageError(.file, detail: "cannot create a temporary file: \(FileProblem.describe(errno: errno))") }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(descriptor)
            unlink(path)
        }
        let bytes = Array(text.utf8)
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count else { throw StorageError(.file, detail: "cannot write a temporary file") }
        _ = try client.put(bucket: bucket, key: probe, path: path, size: Int64(bytes.count), sha256: hash, metadata: ["cfaccess-sha256": hash])
    }
}
