import Client
import Feeds
import Inputs
import Shell
import Storage
import Synchronization
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// Clients for the feeds of one run: the vault unlocked once, one client per feed, and one
/// request budget per token, shared by every feed that uses it. The vault file is followed:
/// when it changes (`token rotate`, `token remove`), it is read again with the key this process
/// holds, and feeds use the new tokens from their next request.
package final class FeedSources: Sendable {
    /// The tokens as last read, or why the vault could not be read again.
    private let tokens: Mutex<Result<[String: SecretBytesBox], FeedRunError>>
    /// The vault file's device, inode, size and change time when last read.
    private let seen: Mutex<[Int64]>
    private let vault: VaultStore
    private let key: VaultKeyBox
    private let initialNames: Set<String>
    private let budgets = Mutex<[String: RequestBudget]>([:])
    private let caFile: String?
    private let userAgent: String
    private let verbose: Bool
    private let quiet: Bool
    private let log: @Sendable (String, String, String?, String, [(String, String)]) -> Void

    /// Reads the vault with `key` (unlocked once for the whole run); `log` takes a level, an
    /// event, a feed, a message and fields.
    package init(vault: VaultStore, key: VaultKey, caFile: String?, userAgent: String, verbose: Bool, quiet: Bool,
                 log: @escaping @Sendable (String, String, String?, String, [(String, String)]) -> Void) throws(CommandFailure) {
        self.log = log
        self.vault = vault
        self.key = VaultKeyBox(key: key)
        seen = Mutex(FeedSources.stamp(of: vault.path))
        let entries = try vaultCall { () throws(VaultError) in try vault.entries(with: key) }
        tokens = Mutex(.success(FeedSources.secrets(entries)))
        initialNames = Set(entries.map(\.name))
        self.caFile = caFile
        self.userAgent = userAgent
        self.verbose = verbose
        self.quiet = quiet
    }

    /// Reads the vault again if its file changed since it was last read; true when it did, so
    /// every feed's client is made anew before its next run.
    package func refresh() -> Bool {
        let stamp = FeedSources.stamp(of: vault.path)
        guard seen.withLock({ seen in defer { seen = stamp }; return seen != stamp }) else { return false }
        let reread: Result<[String: SecretBytesBox], FeedRunError>
        do throws(VaultError) {
            reread = .success(FeedSources.secrets(try vault.entries(with: key.key)))
            log("info", "vault", nil, "the vault changed; its tokens were read again", [])
        } catch {
            let failure = error.failure
            reread = .failure(.setup("the vault can no longer be opened with the key this service holds: \(failure.message)",
                                     hint: "if its passphrase was changed, restart the service with the new passphrase"))
            log("error", "vault", nil, "the vault can no longer be opened with the key this service holds: \(failure.message)",
                [("hint", "if its passphrase was changed, restart the service with the new passphrase")])
        }
        tokens.withLock { $0 = reread }
        return true
    }

    package func make(_ definition: FeedDefinition) throws(FeedRunError) -> AccessLogSource {
        let tokens = try self.tokens.withLock { $0 }.get()
        guard let token = tokens[definition.token] else {
            if removed(definition.token) {
                throw .setup("token '\(definition.token)' was removed from the vault",
                             hint: "add it again with 'cfaccess token add \(definition.token)', or point the feed at another with 'cfaccess feed update \(definition.name) --token NAME'")
            }
            throw .setup("no token named '\(definition.token)' in the vault",
                         hint: "add it with 'cfaccess token add \(definition.token)', or point the feed at another with 'cfaccess feed update \(definition.name) --token NAME'")
        }
        // The feed's own base URL, always: the environment and the saved defaults are for
        // commands without a feed, or another API's records would mix into this one's.
        var url = BaseURL.cloudflare
        if let text = definition.baseURL {
            do throws(InvalidInput) { url = try BaseURL(text) } catch { throw .setup(error.message, hint: error.hint) }
        }
        let transport: HTTPTransport
        do throws(ClientError) {
            transport = try HTTPTransport(options: .init(userAgent: userAgent, caFile: caFile))
        } catch {
            throw .api(error)
        }
        let budget = budgets.withLock { budgets in
            if let shared = budgets[definition.token] { return shared }
            let fresh = RequestBudget()
            budgets[definition.token] = fresh
            return fresh
        }
        let feed = definition.name
        return CloudflareClient(baseURL: url, credential: VaultCredential(token: token.secret), transport: transport, budget: budget,
                                log: verbose ? { [log] in log("info", "http", feed, $0, []) } : nil,
                                retryNotice: quiet ? nil : { [log] in log("info", "retry", feed, "'\(feed)': " + $0, []) },
                                isCancelled: { Interrupt.isRequested })
    }
}

extension FeedSources {
    /// Names of tokens the vault held when the service started, to tell a removed token from
    /// one that was never there.
    private func removed(_ token: String) -> Bool { initialNames.contains(token) }

    private static func secrets(_ entries: [VaultEntry]) -> [String: SecretBytesBox] {
        Dictionary(entries.filter { !$0.isStorage }.map { ($0.name, SecretBytesBox(secret: $0.secret)) }) { first, _ in first }
    }

    /// Device, inode, size and change time: a rewrite (always a new file, renamed into place)
    /// changes at least the inode.
    private static func stamp(of path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [Int64(info.st_dev), Int64(info.st_ino), Int64(info.st_size), Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec)]
    }
}

/// A vault secret handed to the worker threads that read it (never written after it is read).
struct SecretBytesBox: @unchecked Sendable {
    let secret: SecretBytes
}

/// The unlocked key, kept by the service to read the vault again when it changes.
struct VaultKeyBox: @unchecked Sendable {
    let key: VaultKey
}

extension FeedSources {
    /// A client for the object store a feed delivers to, read from the vault with the key this
    /// run holds, so a rotated store key is used from the feed's next run.
    package func makeStore(_ definition: FeedDefinition) throws(FeedRunError) -> S3Client {
        let name = definition.storage ?? ""
        let entries: [VaultEntry]
        do throws(VaultError) { entries = try vault.entries(with: key.key) } catch {
            throw .setup("the vault can no longer be opened with the key this service holds: \(error.failure.message)", hint: nil)
        }
        guard let entry = entries.first(where: { $0.name == name && $0.isStorage }), let location = entry.storageLocation else {
            throw .setup("no object store named '\(name)' in the vault",
                         hint: "add it with 'cfaccess storage add \(name) …', or give the feed another with 'cfaccess feed update \(definition.name) --storage NAME'")
        }
        let client: S3Client
        do throws(StorageError) {
            client = try S3Client(location: location, secret: StorageCredential(secret: entry.secret), userAgent: userAgent, caFile: caFile)
        } catch {
            throw .upload(error, key: "")
        }
        let feed = definition.name
        client.isCancelled = { Interrupt.isRequested }
        if !quiet { client.retryNotice = { [log] in log("info", "retry", feed, "'\(feed)': " + $0, []) } }
        return client
    }
}
