import CCurl
import CCurlShim
import CSodium
import Files
import Inputs
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP answer.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased; the last value of a repeated header wins.
    public var headers: [String: String]
    public var body: [UInt8]
}

/// HTTPS GETs over one reused libcurl easy handle, so the connection stays alive between pages.
///
/// Peer and host verification stay on; `caFile` adds a CA bundle; libcurl reads the usual proxy
/// variables (`https_proxy`, `no_proxy`, …) itself, except for loopback hosts, which are never
/// reached through a proxy. A body larger than `bodyLimit` (after gzip or brotli decoding) is
/// abandoned as it arrives, so whatever a server sends, a response never holds more than that.
/// Not thread-safe: one per thread.
public final class HTTPTransport {
    /// A page of 1000 records is under 1 MiB; 32 MiB leaves room for any real answer.
    public static let bodyLimit = 32 << 20
    /// Headers beyond this many bytes are a broken or hostile server.
    static let headerLimit = 256 << 10

    public struct Options: Sendable {
        public var caFile: String?
        public var connectTimeout: Double = 10
        public var transferTimeout: Double = 60
        public var userAgent: String

        public init(userAgent: String, caFile: String? = nil) {
            self.userAgent = userAgent
            self.caFile = caFile
        }
    }

    private static let globalInit: Bool = cfaccess_curl_global_init() == CURLE_OK

    private let handle: UnsafeMutableRawPointer
    private let options: Options
    /// The local port of the connection whose server was last checked (`guardsLoopback`): a
    /// request on the same connection goes to the same listener.
    private var checkedConnection: Int32?

    public init(options: Options) throws(ClientError) {
        guard HTTPTransport.globalInit, let handle = curl_easy_init() else {
            throw ClientError(.transport(code: -1, message: "libcurl could not be initialised"), detail: "")
        }
        self.handle = handle
        self.options = options
    }

    deinit { curl_easy_cleanup(handle) }

    /// Collects the body and headers libcurl hands over.
    private final class Collector {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        var headerBytes = 0
        /// The body or the headers went past their limit and the transfer was stopped.
        var overflowed = false
        /// Why the request was not sent (its connection goes to a port another user holds).
        var refusal: String?
        unowned let transport: HTTPTransport
        init(transport: HTTPTransport) { self.transport = transport }
    }

    /// GETs `url`; `authorization` is the full header value, kept in the caller's secret memory
    /// and copied only into the header list libcurl sends. `direct` bypasses any proxy.
    /// `guardsLoopback` (plain http to a loopback address): before the request goes out on a new
    /// connection, the port's listening socket must be the user's or root's
    /// (`LoopbackPortOwner`); another user's is refused with `.foreignPort`.
    public func get(_ url: String, authorization: UnsafeRawBufferPointer?, direct: Bool = false,
                    guardsLoopback: Bool = false) throws(ClientError) -> HTTPResponse {
        curl_easy_reset(handle)
        let collector = Collector(transport: self)
        configure(url: url, direct: direct, collector: collector)
        if guardsLoopback { guardLoopback(collector) }
        let list = HTTPTransport.headerList(authorization: authorization)
        _ = cfaccess_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        let code = curl_easy_perform(handle)
        _ = cfaccess_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
        HTTPTransport.wipeAndFree(list)
        if let refusal = collector.refusal { throw ClientError(.foreignPort, detail: refusal) }
        if collector.overflowed {
            throw ClientError(.payload, detail: "the response was larger than \(HTTPTransport.bodyLimit >> 20) MiB and was abandoned")
        }
        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code))
            throw ClientError(.transport(code: Int(code.rawValue), message: message.prefix(1).lowercased() + message.dropFirst()), detail: "")
        }
        var status = 0
        _ = cfaccess_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: collector.headers, body: collector.body)
    }

    /// The options of every request: verification on, no redirects, timeouts, and callbacks
    /// that collect the body and headers into `collector`, each within its limit.
    private func configure(url: String, direct: Bool, collector: Collector) {
        let context = Unmanaged.passUnretained(collector).toOpaque()
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_URL, url)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https,http")
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        _ = cfaccess_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(options.transferTimeout * 1000))
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        if let caFile = options.caFile { _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        if direct { _ = cfaccess_curl_easy_setopt_string(handle, CURLOPT_NOPROXY, "*") }
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = cfaccess_curl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard collector.body.count + length <= HTTPTransport.bodyLimit else {
                collector.overflowed = true
                return 0
            }
            collector.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = cfaccess_curl_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            collector.headerBytes += length
            guard collector.headerBytes <= HTTPTransport.headerLimit else {
                collector.overflowed = true
                return 0
            }
            if let (name, value) = HeaderLine.field(UnsafeRawBufferPointer(start: data, count: length)) {
                collector.headers[name] = value
            }
            return length
        }
    }

    /// Checks the owner of the port a connection reaches once per connection, after it is made
    /// and before anything is sent on it (reading `/proc/net/tcp` costs the kernel a walk of its
    /// socket table, too much for every request of a long fetch).
    private func guardLoopback(_ collector: Collector) {
        _ = cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, Unmanaged.passUnretained(collector).toOpaque())
        _ = cfaccess_curl_easy_setopt_prereq_function(handle) { context, _, _, serverPort, localPort in
            let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
            guard let refusal = LoopbackPortOwner.refusal(serverPort: serverPort, localPort: localPort,
                                                          checked: &collector.transport.checkedConnection) else { return CURL_PREREQFUNC_OK }
            collector.refusal = refusal
            return CURL_PREREQFUNC_ABORT
        }
    }

    /// `Accept`, and `Authorization: VALUE` assembled in a buffer wiped as soon as libcurl has
    /// its copy.
    private static func headerList(authorization: UnsafeRawBufferPointer?) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Accept: application/json")
        guard let authorization else { return list }
        let prefix = Array("Authorization: ".utf8)
        let line = UnsafeMutableRawBufferPointer.allocate(byteCount: prefix.count + authorization.count + 1, alignment: 1)
        line.copyBytes(from: prefix)
        UnsafeMutableRawBufferPointer(rebasing: line[prefix.count...]).copyBytes(from: authorization)
        line[line.count - 1] = 0
        list = curl_slist_append(list, line.baseAddress!.assumingMemoryBound(to: CChar.self))
        sodium_memzero(line.baseAddress!, line.count)
        line.deallocate()
        return list
    }

    /// libcurl copied the Authorization line into the list; wipe those copies before freeing.
    private static func wipeAndFree(_ list: UnsafeMutablePointer<curl_slist>?) {
        var node = list
        while let current = node {
            if let data = current.pointee.data { sodium_memzero(data, strlen(data)) }
            node = current.pointee.next
        }
        curl_slist_free_all(list)
    }
}
