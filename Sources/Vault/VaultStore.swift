import Files
#if canImport(Glibc)
import Glibc
#endif

/// The vault on disk: `vault`, its backup `vault.bak`, and `vault.lock`, in a private directory.
/// Every change happens under an exclusive `flock`, re-reads the file first (so concurrent
/// writers never lose an entry) and replaces it atomically (`PrivateFile.replace`). A crash at
/// any moment leaves the old vault or the new one.
///
/// `vault.bak` is a verified copy of the current vault, written after every change once the
/// vault itself is written and reads back the same: a damaged vault restores with nothing lost,
/// and the backup never keeps a removed or rotated token, nor opens with an old passphrase.
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
            try write(try VaultFormat.seal([], key: key.key, parameters: key.parameters, salt: key.salt))
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
            var entries = try withBackupNamed { () throws(VaultError) in try open(try readFile(), with: key) }
            let result = try change(&entries)
            entries.sort { $0.name < $1.name }
            try write(try VaultFormat.seal(entries, key: key.key, parameters: key.parameters, salt: key.salt))
            return result
        }
    }

    /// Re-encrypts everything under a new passphrase (and optionally new KDF parameters).
    public func changePassphrase(with key: VaultKey, to passphrase: SecretBytes, parameters: KDFParameters? = nil) throws(VaultError) -> VaultKey {
        try checkPermissions()
        let newKey = try VaultKey.derive(passphrase: passphrase, parameters: parameters ?? key.parameters)
        try withLock { () throws(VaultError) in
            let entries = try withBackupNamed { () throws(VaultError) in try open(try readFile(), with: key) }
            try write(try VaultFormat.seal(entries, key: newKey.key, parameters: newKey.parameters, salt: newKey.salt))
        }
        return newKey
    }

    /// What `restoreBackup` did: the tokens put back, and where the vault it replaced is kept.
    public struct Restored {
        public var entries: [VaultEntry]
        public var damagedAs: String?
    }

    /// The entries of `vault.bak`, opened with `passphrase` (nothing is changed).
    public func backupEntries(passphrase: SecretBytes) throws(VaultError) -> [VaultEntry] {
        try readBackup(passphrase: passphrase).entries
    }

    /// Puts `vault.bak` back after proving it opens with `passphrase`; the vault it replaces is
    /// kept under the first free name of `vault.damaged`, `vault.damaged.2`, … (an earlier one is
    /// never overwritten). The caller decides whether a vault that opens may be replaced.
    public func restoreBackup(passphrase: SecretBytes) throws(VaultError) -> Restored {
        let (backup, entries) = try readBackup(passphrase: passphrase)
        return try withLock { () throws(VaultError) -> Restored in
            var damagedAs: String?
            do throws(FileProblem) {
                if exists {
                    for number in 1... {
                        let candidate = damagedPath + (number == 1 ? "" : ".\(number)")
                        if try OutputPath.move(path, to: candidate) { damagedAs = candidate; break }
                    }
                }
                try PrivateFile.replace(path, with: backup)
            } catch {
                throw VaultStore.vaultError(error)
            }
            return Restored(entries: entries, damagedAs: damagedAs)
        }
    }

    private func readBackup(passphrase: SecretBytes) throws(VaultError) -> (bytes: [UInt8], entries: [VaultEntry]) {
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
        return (backup, try VaultFormat.open(backup, header: header, key: key))
    }

    /// Where `restoreBackup` keeps the vault it replaced (the first of them).
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

    /// Replaces the vault with `file`, then, once the vault reads back exactly as written,
    /// replaces `vault.bak` with the same bytes. A crash between the two leaves the backup one
    /// change behind, never ahead.
    private func write(_ file: [UInt8]) throws(VaultError) {
        do throws(FileProblem) {
            try PrivateFile.replace(path, with: file)
        } catch where error.replaced {
            throw .savedUnconfirmed(vault: path, reason: error.message + "; it may not survive a power cut, and 'vault.bak' was left as it was", backupBehind: true)
        } catch {
            throw VaultStore.vaultError(error)
        }
        let written: [UInt8]
        do throws(FileProblem) { written = try PrivateFile.read(path, limit: 16 << 20) } catch {
            throw .savedUnconfirmed(vault: path, reason: "it could not be read back (\(error.message)), so 'vault.bak' was left as it was", backupBehind: true)
        }
        guard written == file else { throw .io("the vault written to '\(path)' does not read back as written; 'vault.bak' was left as it was") }
        do throws(FileProblem) {
            try PrivateFile.replace(backupPath, with: file)
        } catch {
            throw .savedUnconfirmed(vault: path, reason: "its backup could not be written (\(error.message))", backupBehind: !error.replaced)
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
