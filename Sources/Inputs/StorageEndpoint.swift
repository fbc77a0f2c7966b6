/// An S3-compatible store's endpoint (`--endpoint`): the base-URL rules (https, or http only to
/// a loopback address; no user-info, query or fragment), and no path, since the bucket and key
/// make the path.
public struct StorageEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// Scheme, host and port.
    public let text: String
    /// A loopback host: never reached through a proxy, its port's owner checked.
    public let isLoopback: Bool

    public var description: String { text }

    public init(_ input: String, option: String = "--endpoint") throws(InvalidInput) {
        let hint = "give https://HOST[:PORT], such as https://s3.eu-west-1.amazonaws.com; http:// only to localhost, 127.0.0.1 or [::1]"
        let parts = try BaseURL.parse(input, what: "endpoint", option: option, hint: hint)
        guard parts.path.isEmpty else {
            throw InvalidInput("refusing the endpoint '\(InvalidInput.shown(input))' for \(option): it has a path (the bucket goes in --bucket)", hint: hint)
        }
        text = parts.origin
        isLoopback = parts.isLoopback
    }
}
