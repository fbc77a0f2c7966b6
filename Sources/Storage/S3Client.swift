#if canImport(Glibc)
import Glibc
#endif

/// The S3 calls cfaccess makes (DESIGN.md's Storage): a listing, conditional uploads streamed
/// from a file, `HEAD`, `DELETE`, and reading an object back into a hash. What is worth
/// another attempt (no answer, a cut transfer, 5xx, SlowDown, 429, a racing conditional write)
/// is retried with capped exponential back-off and jitter, as long as `Retry-After` asks up to
/// 5 minutes; a refusal (403, a missing bucket) is not.
public final class S3Client {
    public let location: StorageLocation
    private let transport: S3Transport
    /// Attempts per call, and the back-off's first and longest wait, in seconds.
    public var attempts = 6
    public var firstWait = 0.5
    public var longestWait = 30.0
    /// Told of each wait before a retry ("waiting 2 s after 503 from the store, attempt 2 of 6").
    public var retryNotice: ((String) -> Void)?
    public var isCancelled: () -> Bool = { false }
    public private(set) var requests = 0
    public private(set) var retries = 0

    public init(location: StorageLocation, secret: StorageSecret, userAgent: String, caFile: String? = nil) throws(StorageError) {
        self.location = location
        transport = try S3Transport(location: location, secret: secret, userAgent: userAgent, caFile: caFile)
    }

    /// How an upload ended: the object is now there, or one was there already under its key.
    public enum PutOutcome: Sendable, Equatable { case created, exists }

    /// Up to `limit` keys under `prefix` (ListObjectsV2), after `startAfter` when given: proves the
    /// key signs, the bucket exists and listing is allowed.
    public func list(bucket: String, prefix: String, startAfter: String? = nil, limit: Int = 1000) throws(StorageError) -> [String] {
        var query = "list-type=2&max-keys=\(limit)&prefix=\(StorageLocation.encode(prefix))"
        if let startAfter { query += "&start-after=\(StorageLocation.encode(startAfter))" }
        let response = try call("GET", bucket: bucket, key: "", query: query)
        return S3Client.elements("Key", in: response.body)
    }

    /// Every key under `prefix` after `startAfter`, a page of a thousand at a time, up to `most`
    /// keys. A listing is the store's word, not cfaccess's: a page whose keys do not all come
    /// after the one before it (a `start-after` ignored), or one beyond `most`, is refused
    /// (`unbelievable`) instead of being paged for ever.
    public func listAll(bucket: String, prefix: String, startAfter: String? = nil, most: Int = S3Client.mostKeys) throws(StorageError) -> [String] {
        var keys: [String] = []
        var after = startAfter
        while true {
            let page = try list(bucket: bucket, prefix: prefix, startAfter: after)
            if let after, let behind = page.first(where: { $0 <= after }) {
                throw StorageError(.unbelievable, detail: "listing '\(prefix)' after '\(after)' gave '\(behind)', which does not come after it")
            }
            if let stray = page.first(where: { !$0.hasPrefix(prefix) }) {
                throw StorageError(.unbelievable, detail: "listing '\(prefix)' gave '\(stray)', which is not under it")
            }
            keys += page
            if keys.count > most { throw StorageError(.unbelievable, detail: "listing '\(prefix)' gave more than \(most) keys") }
            guard page.count == 1000, let last = page.last else { return keys }
            after = last
        }
    }

    /// The most keys one listing gives before it is refused: far more than a feed writes under
    /// one of its folders in years, far less than fills memory.
    public static let mostKeys = 2_000_000

    /// Uploads the file at `path` (`size` bytes, SHA-256 `sha256`) under `key`; with
    /// `ifNoneMatch`, only if no object has that key yet (`If-None-Match: *`: 412 → `.exists`).
    public func put(bucket: String, key: String, path: String, size: Int64, sha256: String, metadata: [String: String] = [:],
                    ifNoneMatch: Bool = true) throws(StorageError) -> PutOutcome {
        var headers = metadata.sorted { $0.key < $1.key }.map { "x-amz-meta-\($0.key): \($0.value)" }
        if ifNoneMatch { headers.append("If-None-Match: *") }
        headers.append("Content-Type: application/x-ndjson")
        do throws(StorageError) {
            _ = try call("PUT", bucket: bucket, key: key, payloadHash: sha256, headers: headers, file: (path, size))
            return .created
        } catch where error.status == 412 {
            return .exists
        }
    }

    /// What a write from memory asks of the key: no object yet (`If-None-Match: *`), or the
    /// object whose ETag is given (`If-Match`).
    public enum Condition: Sendable, Equatable {
        case absent
        case matches(String)
    }

    /// Writes `bytes` under `key` if `condition` holds: the answer's headers (the new `etag`, the
    /// store's `date`), or nil when the store answered 412 (another write came first). A retry
    /// after an answer that was lost also finds 412: the caller reads the key to learn whether
    /// the write was its own.
    public func put(bucket: String, key: String, bytes: [UInt8], condition: Condition, metadata: [String: String] = [:]) throws(StorageError) -> [String: String]? {
        var headers = metadata.sorted { $0.key < $1.key }.map { "x-amz-meta-\($0.key): \($0.value)" }
        switch condition {
        case .absent: headers.append("If-None-Match: *")
        case .matches(let etag): headers.append("If-Match: \(etag)")
        }
        headers.append("Content-Type: application/json")
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update($0) }
        do throws(StorageError) {
            return try call("PUT", bucket: bucket, key: key, payloadHash: hasher.finish(), headers: headers, bytes: bytes).headers
        } catch where error.status == 412 {
            return nil
        }
    }

    /// The object's bytes and headers (its `etag`, `last-modified`, and the store's `date`), or nil
    /// when there is none. For small objects: the answer is held in memory.
    public func get(bucket: String, key: String) throws(StorageError) -> StorageResponse? {
        do throws(StorageError) {
            return try call("GET", bucket: bucket, key: key)
        } catch where error.status == 404 {
            return nil
        }
    }

    /// Copies `source` to `key` inside the bucket, only if no object has that key yet; the copy
    /// keeps the source's metadata. Throws 404 when the source is gone.
    public func copy(bucket: String, source: String, key: String) throws(StorageError) -> PutOutcome {
        try S3Client.checkSegments(source)
        let path = source.split(separator: "/", omittingEmptySubsequences: false).map { StorageLocation.encode(String($0)) }.joined(separator: "/")
        let headers = ["x-amz-copy-source: /\(bucket)/\(path)", "If-None-Match: *"]
        do throws(StorageError) {
            _ = try call("PUT", bucket: bucket, key: key, headers: headers)
            return .created
        } catch where error.status == 412 {
            return .exists
        }
    }

    /// The object's headers (`x-amz-meta-…` among them), or nil when there is none.
    public func head(bucket: String, key: String) throws(StorageError) -> [String: String]? {
        do throws(StorageError) {
            return try call("HEAD", bucket: bucket, key: key).headers
        } catch where error.status == 404 {
            return nil
        }
    }

    public func delete(bucket: String, key: String) throws(StorageError) {
        _ = try call("DELETE", bucket: bucket, key: key)
    }

    /// The SHA-256 and size of the object's bytes as the store gives them back, or nil when there
    /// is no such object. Reading stops one byte past `expected` (the size cfaccess recorded): a
    /// longer object is already not the one delivered, and an endless body ends there.
    public func digest(bucket: String, key: String, expected: Int64) throws(StorageError) -> (sha256: String, size: Int64)? {
        var hasher = SHA256()
        var size: Int64 = 0
        do throws(StorageError) {
            // Each attempt hashes the object from its first byte.
            _ = try call("GET", bucket: bucket, key: key, transferSize: expected, restart: { hasher = SHA256(); size = 0 }) { bytes in
                let wanted = Int(min(Int64(bytes.count), expected + 1 - size))
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[..<wanted]))
                size += Int64(wanted)
                return size <= expected
            }
        } catch where error.status == 404 {
            return nil
        }
        return (hasher.finish(), size)
    }

    /// One call with its retries; a non-2xx answer is an error with the store's code.
    private func call(_ method: String, bucket: String, key: String, query: String = "", payloadHash: String = S3Transport.emptyHash,
                      headers: [String] = [], file: (path: String, size: Int64)? = nil, bytes: [UInt8]? = nil, transferSize: Int64 = 0,
                      restart: (() -> Void)? = nil, sink: ((UnsafeRawBufferPointer) -> Bool)? = nil) throws(StorageError) -> StorageResponse {
        try S3Client.checkSegments(key)
        let url = location.url(bucket: bucket, key: key, query: query)
        let timeout = S3Client.timeLimit(bytes: max(transferSize, file?.size ?? 0))
        var attempt = 1
        while true {
            if isCancelled() { throw StorageError(.cancelled, detail: "") }
            restart?()
            requests += 1
            let outcome = attemptOnce(method, url: url, payloadHash: payloadHash, headers: headers, file: file, bytes: bytes, timeout: timeout, sink: sink)
            if let response = outcome.response { return response }
            let error = outcome.error ?? StorageError(.cancelled, detail: "")
            if !error.isRetryable || attempt >= attempts || isCancelled() { throw error }
            pause(after: error, attempt: attempt, retryAfter: outcome.retryAfter)
            attempt += 1
        }
    }

    /// How one attempt ended: a 2xx answer, or an error and how long the store asked to wait.
    private struct Outcome {
        var response: StorageResponse?
        var error: StorageError?
        var retryAfter: Double?
    }

    /// Waits before the next attempt (capped exponential back-off with jitter, or longer when
    /// `Retry-After` asks, up to 5 minutes), and says so.
    private func pause(after error: StorageError, attempt: Int, retryAfter: Double?) {
        let backoff = min(longestWait, firstWait * Double(1 << min(attempt - 1, 16))) * Double.random(in: 0.5...1.0)
        let wait = min(300, max(backoff, retryAfter ?? 0))
        let answer = error.status.map { String($0) } ?? "no answer"
        retryNotice?("waiting \(Int(wait.rounded(.up))) s after \(answer) from the store, attempt \(attempt + 1) of \(attempts)")
        retries += 1
        self.wait(seconds: wait)
    }

    private func attemptOnce(_ method: String, url: String, payloadHash: String, headers: [String], file: (path: String, size: Int64)?,
                             bytes: [UInt8]?, timeout: Double, sink: ((UnsafeRawBufferPointer) -> Bool)?) -> Outcome {
        let response: StorageResponse
        do throws(StorageError) {
            response = try once(method, url: url, payloadHash: payloadHash, headers: headers, file: file, bytes: bytes, timeout: timeout, sink: sink)
        } catch {
            return Outcome(error: error)
        }
        if (200..<300).contains(response.status) { return Outcome(response: response) }
        let retryAfter = response.headers["retry-after"].flatMap { Double($0.filter { $0 != " " }) }
        return Outcome(error: S3Client.error(response, method: method), retryAfter: retryAfter)
    }

    private func once(_ method: String, url: String, payloadHash: String, headers: [String], file: (path: String, size: Int64)?,
                      bytes: [UInt8]?, timeout: Double, sink: ((UnsafeRawBufferPointer) -> Bool)?) throws(StorageError) -> StorageResponse {
        if let bytes {
            return try transport.perform(method, url: url, payloadHash: payloadHash, headers: headers, timeout: timeout, upload: S3Transport.Upload(bytes: bytes))
        }
        guard let file else { return try transport.perform(method, url: url, payloadHash: payloadHash, headers: headers, timeout: timeout, sink: sink) }
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw StorageError(.file, detail: "cannot open '\(file.path)' to upload it: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        return try transport.perform(method, url: url, payloadHash: payloadHash, headers: headers, timeout: timeout,
                                     upload: S3Transport.Upload(descriptor: descriptor, size: file.size))
    }

    /// Waits `seconds`, or less when the run is cancelled.
    public func wait(seconds: Double) {
        var left = seconds
        while left > 0, !isCancelled() {
            usleep(UInt32(min(left, 0.2) * 1_000_000))
            left -= 0.2
        }
    }

    /// How long one attempt may take in all, in seconds: a minute for a request without a body
    /// worth the name, five minutes and one more for every 256 KiB/s of an upload or a read
    /// back, so a store that drips its answer cannot hold a feed.
    static func timeLimit(bytes: Int64) -> Double {
        bytes <= 0 ? 60 : 300 + Double(bytes) / Double(256 << 10)
    }

    /// Refuses a key with an empty, `.` or `..` segment: a store or libcurl may read those as a
    /// path and send the request somewhere else (another prefix, with path-style addressing
    /// another bucket), still validly signed. Every key cfaccess sends passes here.
    public static func checkSegments(_ key: String) throws(StorageError) {
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() where segment == "." || segment == ".." || (segment.isEmpty && index < segments.count - 1) {
            throw StorageError(.unbelievable, detail: "the key '\(key)' has an empty, '.' or '..' segment")
        }
    }

    /// The store's `<Code>` and `<Message>`, or the status alone (a `HEAD` has no body).
    static func error(_ response: StorageResponse, method: String) -> StorageError {
        let code = elements("Code", in: response.body).first
        let message = elements("Message", in: response.body).first ?? ""
        let guessed = code ?? (method == "HEAD" && response.status == 403 ? "AccessDenied" : nil)
        return StorageError(.http(response.status), code: guessed, detail: message)
    }

    /// The texts of every `<name>…</name>` in an XML body (S3's answers are flat enough for this).
    static func elements(_ name: String, in body: [UInt8]) -> [String] {
        let text = String(decoding: body, as: UTF8.self)
        var found: [String] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "<\(name)>"), let close = rest[open.upperBound...].firstRange(of: "</\(name)>") {
            found.append(unescape(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return found
    }

    private static func unescape(_ text: String) -> String {
        text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"").replacing("&apos;", with: "'")
            .replacing("&amp;", with: "&")
    }
}
