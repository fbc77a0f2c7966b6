#if canImport(Glibc)
import Glibc
#endif

/// The vault on disk: `vault`, its previous version `vault.bak`, and `vault.lock`, in a private
/// directory. Every change happens under an exclusive `flock`, re-reads the file first (so
/// concurrent writers never lose an entry) and replaces it atomically: temp file, fsync, rename,
/// fsync of the directory. A crash at any moment leaves the old vault or the new one.
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
        if let problem = PrivatePath.check(directory, isDirectory: true) ?? PrivatePath.check(path, isDirectory: false)
            ?? PrivatePath.check(backupPath, isDirectory: false) ?? PrivatePath.check(lockPath, isDirectory: false) {
            throw .unsafePath(message: problem.message, hint: problem.hint)
        }
    }

    /// The KDF parameters of the vault on disk (no passphrase needed).
    public func parameters() throws(VaultError) -> KDFParameters {
        try VaultFormat.Header(parsing: try readFile()).parameters
    }

    /// Creates an empty vault; refuses to replace one.
    public func create(passphrase: SecretBytes, parameters: KDFParameters) throws(VaultError) -> VaultKey {
        if let problem = PrivatePath.makeDirectory(directory) { throw .unsafePath(message: problem.message, hint: problem.hint) }
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
        let file = try readFile()
        let header = try VaultFormat.Header(parsing: file)
        let key = VaultKey(key: try header.parameters.deriveKey(passphrase: passphrase, salt: header.salt),
                           parameters: header.parameters, salt: header.salt)
        return (key, try VaultFormat.open(file, header: header, key: key.key))
    }

    /// The entries, with a key already unlocked.
    public func entries(with key: VaultKey) throws(VaultError) -> [VaultEntry] {
        try checkPermissions()
        let file = try readFile()
        return try open(file, with: key)
    }

    /// Changes the entries under the lock. `change` sees the current entries, re-read from disk.
    @discardableResult
    public func update<Result>(with key: VaultKey, _ change: (inout [VaultEntry]) throws(VaultError) -> Result) throws(VaultError) -> Result {
        try checkPermissions()
        return try withLock { () throws(VaultError) -> Result in
            var entries = try open(try readFile(), with: key)
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
            let entries = try open(try readFile(), with: key)
            try write(try VaultFormat.seal(entries, key: newKey.key, parameters: newKey.parameters, salt: newKey.salt))
        }
        return newKey
    }

    private func open(_ file: [UInt8], with key: VaultKey) throws(VaultError) -> [VaultEntry] {
        let header = try VaultFormat.Header(parsing: file)
        guard header.salt == key.salt, header.parameters == key.parameters else {
            throw .cannotOpen("the vault's passphrase was changed since it was unlocked")
        }
        return try VaultFormat.open(file, header: header, key: key.key)
    }

    // MARK: Files

    private func readFile() throws(VaultError) -> [UInt8] {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing(path) }
            throw .io("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .io("cannot read '\(path)': \(String(cString: strerror(errno)))") }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// Temp file → fsync → keep the old vault as `vault.bak` → rename → fsync the directory.
    private func write(_ file: [UInt8]) throws(VaultError) {
        let temporary = directory + "/.vault.tmp.\(getpid())"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .io("cannot write '\(temporary)': \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < file.count {
            let written = file.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw .io("cannot write '\(temporary)': \(reason)")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            close(descriptor)
            unlink(temporary)
            throw .io("cannot sync '\(temporary)': \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        if exists {
            // A hard link keeps the current version under the backup name without copying it.
            let backupTemporary = directory + "/.vault.bak.tmp.\(getpid())"
            unlink(backupTemporary)
            if link(path, backupTemporary) == 0 { rename(backupTemporary, backupPath) }
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .io("cannot replace '\(path)': \(String(cString: strerror(errno)))")
        }
        let directoryDescriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private func withLock<Result>(_ body: () throws(VaultError) -> Result) throws(VaultError) -> Result {
        let descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .io("cannot open '\(lockPath)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .io("cannot lock '\(lockPath)': \(String(cString: strerror(errno)))")
            }
            guard waited < lockTimeout else { throw .busy(path) }
            usleep(20_000)
            waited += 0.02
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
