/// Where a store's secret access key is kept: handed to a request only while it is signed, never
/// copied into a string.
public protocol StorageSecret: Sendable {
    func withSecret<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
}

/// Where a store is and how to address it; the key that signs for it.
public struct StorageLocation: Sendable, Equatable {
    /// Scheme, host and port (`https://s3.eu-west-1.amazonaws.com`).
    public var endpoint: String
    public var isLoopback: Bool
    public var region: String
    /// `https://HOST/BUCKET/KEY` rather than `https://BUCKET.HOST/KEY`.
    public var pathStyle: Bool
    public var accessKeyID: String

    public init(endpoint: String, isLoopback: Bool, region: String, pathStyle: Bool, accessKeyID: String) {
        self.endpoint = endpoint
        self.isLoopback = isLoopback
        self.region = region
        self.pathStyle = pathStyle
        self.accessKeyID = accessKeyID
    }

    /// The URL of `key` in `bucket` (or of the bucket itself, for an empty key), each key segment
    /// percent-encoded as SigV4 expects (`dt=2026-12-04` → `dt%3D2026-12-04`), then `query`.
    public func url(bucket: String, key: String, query: String = "") -> String {
        let path = key.isEmpty ? "" : key.split(separator: "/", omittingEmptySubsequences: false).map { StorageLocation.encode(String($0)) }.joined(separator: "/")
        let tail = (path.isEmpty ? "/" : "/" + path) + (query.isEmpty ? "" : "?" + query)
        if pathStyle { return endpoint + "/" + bucket + tail }
        let scheme = endpoint.prefix { $0 != ":" }
        return "\(scheme)://\(bucket).\(endpoint.dropFirst(scheme.count + 3))\(tail)"
    }

    /// Every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10 || "-._~".utf8.contains(byte) {
                out.append(Character(UnicodeScalar(byte)))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
