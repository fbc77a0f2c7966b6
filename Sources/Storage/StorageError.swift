/// Why a request to the object store failed, with what to do about it.
public struct StorageError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No answer: the connection failed or was cut (curl's code and message).
        case transport(code: Int, message: String)
        /// The store answered with this status (its S3 error code, when the body gave one).
        case http(Int)
        /// The loopback port is another user's: nothing was sent.
        case foreignPort
        /// A local file the request reads could not be read.
        case file
        case cancelled
        /// The store's answer cannot be taken as it is (a listing that does not move on, one
        /// longer than a feed can hold): what was read is input, and this input is refused.
        case unbelievable
    }

    public var kind: Kind
    /// The S3 error code (`AccessDenied`, `NoSuchBucket`, …), when the store sent one.
    public var code: String?
    /// What the store or the system said.
    public var detail: String

    public init(_ kind: Kind, code: String? = nil, detail: String) {
        self.kind = kind
        self.code = code
        self.detail = detail
    }

    public var status: Int? { if case .http(let status) = kind { status } else { nil } }

    /// Worth another attempt: no answer, a cut transfer, 5xx, 429, a racing conditional write (409).
    public var isRetryable: Bool {
        switch kind {
        case .transport: true
        case .http(let status): status >= 500 || status == 429 || status == 409 || code == "SlowDown"
        case .foreignPort, .file, .cancelled, .unbelievable: false
        }
    }

    /// One sentence: `the store refused the key: InvalidAccessKeyId (403)`.
    public var summary: String {
        switch kind {
        case .transport(_, let message): "cannot reach the store: \(message)"
        case .http(let status):
            "the store answered \(status)\(code.map { " \($0)" } ?? "")\(detail.isEmpty ? "" : ": \(detail)")"
        case .foreignPort: "refusing to send the key: \(detail)"
        case .file: detail
        case .cancelled: "interrupted"
        case .unbelievable: "the store's answer cannot be believed: \(detail)"
        }
    }

    /// What to do, for the error codes a user can act on.
    public var hint: String? {
        switch code {
        case "InvalidAccessKeyId": "the access key id is not known to the store: check it with 'cfaccess storage show', fix it with 'cfaccess storage rotate'"
        case "SignatureDoesNotMatch": "the secret access key does not match the access key id: store the right one with 'cfaccess storage rotate'"
        case "RequestTimeTooSkewed": "this host's clock is too far from the store's: set it right (timedatectl, chrony or ntpd)"
        case "NoSuchBucket": "create the bucket, or give the name of one that exists"
        case "AccessDenied": "give the key permission to list, read, write and delete under the prefix (s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject)"
        case "AuthorizationHeaderMalformed": "the region does not match the bucket's: give the bucket's region with 'cfaccess storage rotate NAME --region R'"
        default:
            switch kind {
            case .transport: "check the endpoint and that the store is up"
            case .unbelievable: "something other than cfaccess answers for the store, or writes under the prefix; find out what before running the feed again"
            default: nil
            }
        }
    }
}
