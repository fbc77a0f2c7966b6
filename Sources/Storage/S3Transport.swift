import CCurl
import CCurlShim
import CSodium
import Files
import Inputs
#if canImport(Glibc)
import Glibc
#endif

/// One answer from the store.
public struct StorageResponse: Sendable {
    public var status: Int
    /// Names lower-cased; the last value of a repeated header wins.
    public var headers: [String: String]
    public var body: [UInt8]
}

/// Requests to an S3-compatible store over one reused libcurl handle, signed by libcurl itself
/// (`CURLOPT_AWS_SIGV4`). cfaccess sets `x-amz-content-sha256` to the payload's real hash,
/// which curl then signs. Uploads stream from a file descriptor, so memory stays flat whatever
/// the object's size. TLS verification stays on; a loopback endpoint's port must be the user's
/// or root's before anything is sent. Not thread-safe: one per thread.
final class S3Transport {
    /// Error bodies and listings are small; more than this is a broken store.
    static let bodyLimit = 8 << 20
    /// SHA-256 of nothing: the payload hash of GET, HEAD and DELETE.
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private static let globalInit: Bool = cfaccess_curl_global_init() == CURLE_OK
    private let handle: UnsafeMutableRawPointer
    private let location: StorageLocation
    private let secret: StorageSecret
    private let userAgent: String
    private let caFile: String?
    private var checkedConnection: Int32?

    init(location: StorageLocation, secret: StorageSecret, userAgent: String, caFile: String?) throws(StorageError) {
        guard S3Transport.globalInit, let handle = curl_easy_init() else {
            throw StorageError(.transport(code: -1, message: "libcurl could not be initialised"), detail: "")
        }
        self.handle = handle
        self.location = location
        self.secret = secret
        self.userAgent = userAgent
        self.caFile = caFile
    }

    deinit { curl_easy_cleanup(handle) }

    /// What one request collects, and the file an upload reads.
    private final class Exchange {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        var overflowed = false
        var refusal: String?
        var sink: ((UnsafeRawBufferPointer) -> Bool)?
        /// The sink had all it wanted: the transfer was ended on purpose.
        var sinkIsDone = false
        /// The status of the answer being received: only a 2xx body goes to the sink.
        var status = 0
        var upload: Int32 = -1
        /// An upload from memory (a lease or a commit record), and how much of it was sent.
        var uploadBytes: [UInt8]?
        var uploadOffset = 0
        var readFailed = false
        unowned let transport: S3Transport
        init(transport: S3Transport) { self.transport = transport }
    }

    /// The upload of a request: `size` bytes read from `descriptor` (positioned at its start), or
    /// `bytes` held in memory.
    struct Upload {
        var descriptor: Int32
        var size: Int64
        var bytes: [UInt8]?

        init(descriptor: Int32, size: Int64) {
            self.descriptor = descriptor
            self.size = size
        }

        init(bytes: [UInt8]) {
            descriptor = -1
            size = Int64(bytes.count)
            self.bytes = bytes
        }
    }

    /// Sends `method` to `url` with `headers` (`Name: value`), the payload's hex SHA-256 and, for
    /// a PUT, the bytes of `upload`; a GET's body goes to `sink` when one is given.
    /// `timeout`: seconds the whole attempt may take. A sink that returns false has what it
    /// wants: the transfer ends there and the answer counts as received.
    func perform(_ method: String, url: String, payloadHash: String, headers: [String] = [], timeout: Double, upload: Upload? = nil,
                 sink: ((UnsafeRawBufferPointer) -> Bool)? = nil) throws(StorageError) -> StorageResponse {
        curl_easy_reset(handle)
        let exchange = Exchange(transport: self)
        exchange.sink = sink
        configure(url: url, exchange: exchange)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        switch method {
        case "HEAD": _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_NOBODY, 1)
        case "PUT": configureUpload(upload ?? Upload(descriptor: -1, size: 0), exchange: exchange)
        case "GET": _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        default: _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        }
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "x-amz-content-sha256: \(payloadHash)")
        for header in headers { list = curl_slist_append(list, header) }
        _ = cfaccess_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        let code = withSignature { curl_easy_perform(handle) }
        _ = cfaccess_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
        curl_slist_free_all(list)
        var status = 0
        _ = cfaccess_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        // libcurl keeps its copy of KEY:SECRET until the handle is reset.
        curl_easy_reset(handle)
        if let refusal = exchange.refusal { throw StorageError(.foreignPort, detail: refusal) }
        if exchange.readFailed { throw StorageError(.file, detail: "cannot read the file being uploaded: \(FileProblem.describe(errno: errno))") }
        if exchange.overflowed { throw StorageError(.transport(code: -1, message: "the answer was larger than \(S3Transport.bodyLimit >> 20) MiB"), detail: "") }
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && exchange.sinkIsDone) else {
            let message = String(cString: curl_easy_strerror(code))
            throw StorageError(.transport(code: Int(code.rawValue), message: message.prefix(1).lowercased() + message.dropFirst()), detail: "")
        }
        return StorageResponse(status: status, headers: exchange.headers, body: exchange.body)
    }

    /// Hands libcurl `KEY:SECRET` for SigV4 from a buffer wiped as soon as it has its copy.
    private func withSignature(_ body: () -> CURLcode) -> CURLcode {
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_AWS_SIGV4, "aws:amz:\(location.region):s3")
        secret.withSecret { secret in
            let key = Array(location.accessKeyID.utf8) + [UInt8(ascii: ":")]
            let line = UnsafeMutableRawBufferPointer.allocate(byteCount: key.count + secret.count + 1, alignment: 1)
            line.copyBytes(from: key)
            UnsafeMutableRawBufferPointer(rebasing: line[key.count...]).copyBytes(from: secret)
            line[line.count - 1] = 0
            _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_USERPWD, line.baseAddress!.assumingMemoryBound(to: CChar.self))
            sodium_memzero(line.baseAddress!, line.count)
            line.deallocate()
        }
        return body()
    }

    private func configure(url: String, exchange: Exchange) {
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_URL, url)
        // The path is sent as signed: libcurl never folds `..` or `.` into another prefix or bucket.
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_PATH_AS_IS, 1)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https,http")
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        // A stalled transfer (under 1 KiB/s for 60 s) is cut and retried; a large one may take long.
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1024)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, 60)
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, userAgent)
        if let caFile { _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        if location.isLoopback {
            _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_NOPROXY, "*")
            guardLoopback(exchange)
        }
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = cfaccess_curl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let exchange = Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let sink = exchange.sink, (200..<300).contains(exchange.status) {
                if sink(UnsafeRawBufferPointer(start: data, count: length)) { return length }
                exchange.sinkIsDone = true
                return 0
            }
            guard exchange.body.count + length <= S3Transport.bodyLimit else {
                exchange.overflowed = true
                return 0
            }
            exchange.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = cfaccess_curl_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let exchange = Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let (name, value) = HeaderLine.field(UnsafeRawBufferPointer(start: data, count: length)) {
                // A status line starts a new answer (after 100 Continue): its headers replace the old.
                exchange.headers[name] = value
            } else if length > 12, data![0] == CChar(UInt8(ascii: "H")) {
                exchange.headers = [:]
                // `HTTP/1.1 200 OK`: the code is the second word.
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                exchange.status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            }
            return length
        }
    }

    private func configureUpload(_ upload: Upload, exchange: Exchange) {
        exchange.upload = upload.descriptor
        exchange.uploadBytes = upload.bytes
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_UPLOAD, 1)
        _ = cfaccess_curl_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.size))
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(exchange).toOpaque())
        _ = cfaccess_curl_easy_setopt_read_function(handle) { buffer, size, count, context in
            let exchange = Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
            if let bytes = exchange.uploadBytes {
                let length = min(size * count, bytes.count - exchange.uploadOffset)
                guard length > 0 else { return 0 }
                bytes.withUnsafeBytes { UnsafeMutableRawPointer(buffer!).copyMemory(from: $0.baseAddress! + exchange.uploadOffset, byteCount: length) }
                exchange.uploadOffset += length
                return length
            }
            while true {
                let got = read(exchange.upload, buffer, size * count)
                if got >= 0 { return got }
                if errno == EINTR { continue }
                exchange.readFailed = true
                return Int(CURL_READFUNC_ABORT)
            }
        }
    }

    /// The listener of a loopback port must be the user's or root's, checked once per connection
    /// before anything is sent on it.
    private func guardLoopback(_ exchange: Exchange) {
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, Unmanaged.passUnretained(exchange).toOpaque())
        _ = cfaccess_curl_easy_setopt_prereq_function(handle) { context, _, _, serverPort, localPort in
            let exchange = Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
            guard let refusal = LoopbackPortOwner.refusal(serverPort: serverPort, localPort: localPort,
                                                          checked: &exchange.transport.checkedConnection) else { return CURL_PREREQFUNC_OK }
            exchange.refusal = refusal
            return CURL_PREREQFUNC_ABORT
        }
    }
}
