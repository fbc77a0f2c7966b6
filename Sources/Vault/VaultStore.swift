import Files
#if canImport(Glibc)
import Glibc
#endif

/// The vault on disk: `vault`, its backup `vault.bak`, and `vault.lock`, in a private directory.
/// Every change happens under an exclusive `flock`, re-reads the file first (so concurrent
/// writers never lose an entry) and replaces it atomically (`PrivateFile.replace`). A crash at
/// any moment leaves the old vault or the new one.
///
/// The backup is the previous version only while that holds nothing the user took away: after a
/// change that removes or replaces a secret, or changes the passphrase, the backup is the new
/// version too. So `vault.bak` never keeps a removed or rotated token, nor opens with an old
/// passphrase.
public struct VaultStore: Sendable {
    public let directory: String
    public var path: String { directory + "/vault" }
    public var backupPath: String { directory + "/vault.bak" }
    var lockPath: String { directory + "/vault.lock" }
    /// How long to wait for another process's change before giving up (exit 75).
    let lockTimeout: Double

    public init(directory: String, lockTimeout: Double = 10) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    public var exists: Bool { access(path, F_OK) == 0 }

    /// Refuses a vault whose directory or files are symlinks, someone else's, or open to others.
    public func checkPermissions() throws(VaultError) {
        do throws(FileProblem) {
            try PrivateDirectory.check(directory)
            for file in [path, backupPath, lockPath] {
                do { close(try PrivateFile.open(file)) } catch where error.kind == .missing {}
            }
        } catch {
            throw VaultStore.vaultError(error)
        }
    }

    /// The KDF parameters of the vault on disk (no passphrase needed).
    public func parameters() throws(VaultError) -> KDFParameters {
        try withBackupNamed { () throws(VaultError) in try VaultFormat.Header(parsing: try readFile()).parameters }
    }

    /// Creates an empty vault; refuses to replace one.
    public func create(passphrase: SecretBytes, parameters: KDFParameters) throws(VaultError) -> VaultKey {
        do throws(FileProblem) { try PrivateDirectory.make(directory) } catch { throw VaultStore.vaultError(error) }
        try checkPermissions()
        let key = try VaultKey.derive(passphrase: passphrase, parameters: parameters)
        try withLock { () throws(VaultError) in
            guard !exists else { throw .alreadyExists(path) }
            try write(try VaultFormat.seal([], key: key.key, parameters: key.parameters, salt: key.salt), keepPrevious: true)
        }
        return key
    }

    /// Derives the key from `passphrase` and proves it by opening the vault.
    public func unlock(passphrase: SecretBytes) throws(VaultError) -> (VaultKey, [VaultEntry]) {
        try checkPermissions()
        return try withBackupNamed { () throws(VaultError) in
            let file = try readFile()
            let header = try VaultFormat.Header(parsing: file)
            let key = VaultKey(key: try header.parameters.deriveKey(passphrase: passphrase, salt: header.salt),
                               parameters: header.parameters, salt: header.salt)
            return (key, try VaultFormat.open(file, header: header, key: key.key))
        }
    }

    /// The entries, with a key already unlocked.
    public func entries(with key: VaultKey) throws(VaultError) -> [VaultEntry] {
        try checkPermissions()
        return try withBackupNamed { () throws(VaultError) in try open(try readFile(), with: key) }
    }

    /// Changes the entries under the lock. `change` sees the current entries, re-read from disk.
    @discardableResult
    public func update<Result>(with key: VaultKey, _ change: (inout [VaultEntry]) throws(VaultError) -> Result) throws(VaultError) -> Result {
        try checkPermissions()
        return try withLock { () throws(VaultError) -> Result in
            let before = try withBackupNamed { () throws(VaultError) in try open(try readFile(), with: key) }
            // The secrets as they were, compared after the change (entries are reference types).
            let previous = try before.map { entry throws(VaultError) in (entry.name, try entry.secret.copy()) }
            var entries = before
            let result = try change(&entries)
            entries.sort { $0.name < $1.name }
            let keepsEverySecret = previous.allSatisfy { name, secret in
                entries.contains { $0.name == name && $0.secret.equals(secret) }
            }
            try write(try VaultFormat.seal(entries, key: key.key, parameters: key.parameters, salt: key.salt), keepPrevious: keepsEverySecret)
            return result
        }
    }

    /// Re-encrypts everything under a new passphrase (and optionally new KDF parameters).
    public func changePassphrase(with key: VaultKey, to passphrase: SecretBytes, parameters: KDFParameters? = nil) throws(VaultError) -> VaultKey {
        try checkPermissions()
        let newKey = try VaultKey.derive(passphrase: passphrase, parameters: parameters ?? key.parameters)
        try withLock { () throws(VaultError) in
            let entries = try withBackupNamed { () throws(VaultError) in try open(try readFile(), with: key) }
            try write(try VaultFormat.seal(entries, key: newKey.key, parameters: newKey.parameters, salt: newKey.salt), keepPrevious: false)
        }
        return newKey
    }

    /// Puts `vault.bak` back after proving it opens with `passphrase`; the vault it replaces is
    /// kept as `vault.damaged`. Returns the number of tokens restored.
    public func restoreBackup(passphrase: SecretBytes) throws(VaultError) -> Int {
        try checkPermissions()
        let backup: [UInt8]
        do throws(FileProblem) {
            backup = try PrivateFile.read(backupPath, limit: 16 << 20)
        } catch where error.kind == .missing {
            throw .missing(backupPath)
        } catch {
            throw VaultStore.vaultError(error)
        }
        let header = try VaultFormat.Header(parsing: backup)
        let key = try header.parameters.deriveKey(passphrase: passphrase, salt: header.salt)
        let entries = try VaultFormat.open(backup, header: header, key: key)
        try withLock { () throws(VaultError) in
            if exists { rename(path, damagedPath) }
            do throws(FileProblem) { try PrivateFile.replace(path, with: backup) } catch { throw VaultStore.vaultError(error) }
        }
        return entries.count
    }

    /// Where `restoreBackup` keeps the vault it replaced.
    public var damagedPath: String { directory + "/vault.damaged" }

    private func open(_ file: [UInt8], with key: VaultKey) throws(VaultError) -> [VaultEntry] {
        let header = try VaultFormat.Header(parsing: file)
        guard header.salt == key.salt, header.parameters == key.parameters else {
            throw .cannotOpen("the vault's passphrase was changed since it was unlocked")
        }
        return try VaultFormat.open(file, header: header, key: key.key)
    }

    // MARK: Files

    /// Names `vault.bak` in a failure to open the vault, when there is one to fall back on.
    private func withBackupNamed<Result>(_ body: () throws(VaultError) -> Result) throws(VaultError) -> Result {
        do {
            return try body()
        } catch {
            let backup = access(backupPath, F_OK) == 0 ? backupPath : nil
            switch error {
            case .damaged(let reason, nil): throw .damaged(reason, backup: backup)
            case .cannotOpen(let reason, nil): throw .cannotOpen(reason, backup: backup)
            default: throw error
            }
        }
    }

    private func readFile() throws(VaultError) -> [UInt8] {
        do throws(FileProblem) {
            return try PrivateFile.read(path, limit: 16 << 20)
        } catch where error.kind == .missing {
            throw .missing(path)
        } catch {
            throw VaultStore.vaultError(error)
        }
    }

    /// Replaces the vault with `file`. With `keepPrevious`, the current vault becomes the
    /// backup (a hard link, no copy); without, the backup is replaced by `file` first, so no
    /// moment exists where the backup holds what the change took away while the vault does not.
    private func write(_ file: [UInt8], keepPrevious: Bool) throws(VaultError) {
        do throws(FileProblem) {
            if keepPrevious {
                if exists {
                    let linkName = directory + "/.vault.bak.tmp.\(getpid())"
                    unlink(linkName)
                    if link(path, linkName) == 0, rename(linkName, backupPath) != 0 { unlink(linkName) }
                }
            } else {
                try PrivateFile.replace(backupPath, with: file)
            }
            try PrivateFile.replace(path, with: file)
        } catch {
            throw VaultStore.vaultError(error)
        }
    }

    private func withLock<Result>(_ body: () throws(VaultError) -> Result) throws(VaultError) -> Result {
        do {
            return try FileLock.withLock(lockPath, timeout: lockTimeout, body)
        } catch {
            switch error {
            case .body(let failure): throw failure
            case .file(let problem) where problem.kind == .busy: throw .busy(path)
            case .file(let problem): throw VaultStore.vaultError(problem)
            }
        }
    }

    static func vaultError(_ problem: FileProblem) -> VaultError {
        switch problem.kind {
        case .missing, .io: .io(problem.message)
        case .unsafe: .unsafePath(message: problem.message, hint: problem.hint)
        case .busy: .busy(problem.message)
        }
    }
}
