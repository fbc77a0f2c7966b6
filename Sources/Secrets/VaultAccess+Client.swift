import Client
import Inputs
import Shell
import Vault
import Voice

extension VaultAccess {
    /// A client for the vault's token named `token`, with the entry it came from. `log` sees
    /// every request (`--verbose`); `retryNotice` is told of each wait before a retry.
    package func client(token: String, key: VaultKey, baseURL: BaseURL, caFile: String?, userAgent: String,
                        log: ((String) -> Void)?, retryNotice: ((String) -> Void)?) throws(CommandFailure) -> (CloudflareClient, VaultEntry) {
        let entries = try vaultCall { () throws(VaultError) in try store.entries(with: key) }
        guard let entry = entries.first(where: { $0.name == token }) else { throw VaultError.unknownEntry(token).failure }
        if entry.isStorage { throw VaultError.otherKind(token, isStorage: true).failure }
        let transport: HTTPTransport
        do throws(ClientError) {
            transport = try HTTPTransport(options: .init(userAgent: userAgent, caFile: caFile))
        } catch {
            throw CommandFailure(.software, error.summary)
        }
        let client = CloudflareClient(baseURL: baseURL, credential: VaultCredential(token: entry.secret), transport: transport,
                                      log: log, retryNotice: retryNotice, isCancelled: { Interrupt.isRequested })
        return (client, entry)
    }
}
