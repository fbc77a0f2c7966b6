import Client
import Vault

/// A vault token as the client's credential: `Bearer <token>` is assembled in secret memory for
/// each request and handed to libcurl, never kept in a `String`.
package final class VaultCredential: Credential {
    private let token: SecretBytes

    package init(token: SecretBytes) { self.token = token }

    package func withAuthorization<Result>(_ body: (UnsafeRawBufferPointer) throws(ClientError) -> Result) throws(ClientError) -> Result {
        let prefix = Array("Bearer ".utf8)
        guard let header = try? SecretBytes(capacity: prefix.count + token.count) else {
            throw ClientError(.transport(code: -1, message: "out of secure memory"), detail: "")
        }
        header.fill { buffer in
            buffer.copyBytes(from: prefix)
            token.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[prefix.count...]).copyBytes(from: $0) }
            return prefix.count + token.count
        }
        return try header.withUnsafeBytes { (bytes) throws(ClientError) in try body(bytes) }
    }
}
