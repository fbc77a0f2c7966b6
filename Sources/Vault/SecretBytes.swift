import CSodium

/// Bytes that must not leak: held in `sodium_malloc` memory (locked out of swap, guard pages on
/// both sides) and wiped when released. Secrets are read straight into it and leave it only to
/// be encrypted, compared, or copied into an Authorization header.
public final class SecretBytes {
    private let base: UnsafeMutableRawPointer
    /// Bytes in use; at most `capacity`.
    public private(set) var count: Int
    public let capacity: Int

    public init(capacity: Int) throws(VaultError) {
        try Sodium.ready()
        guard let memory = sodium_malloc(max(capacity, 1)) else { throw .crypto("out of secure memory") }
        base = memory
        self.capacity = capacity
        count = 0
    }

    /// A copy of `bytes` (for data already in ordinary memory, such as an environment variable).
    public convenience init(copying bytes: UnsafeRawBufferPointer) throws(VaultError) {
        try self.init(capacity: bytes.count)
        if let source = bytes.baseAddress { base.copyMemory(from: source, byteCount: bytes.count) }
        count = bytes.count
    }

    deinit { sodium_free(base) }

    public var isEmpty: Bool { count == 0 }

    public func withUnsafeBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Lets `body` fill up to `capacity` bytes and return how many it wrote.
    public func fill<Failure: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Int) throws(Failure) {
        count = try body(UnsafeMutableRawBufferPointer(start: base, count: capacity))
    }

    /// Appends bytes (the caller sized `capacity` for everything it will add).
    func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(count + bytes.count <= capacity, "secret buffer overflow")
        if let source = bytes.baseAddress { (base + count).copyMemory(from: source, byteCount: bytes.count) }
        count += bytes.count
    }

    /// Keeps only `range` of the bytes, wiping the rest.
    public func keep(_ range: Range<Int>) {
        if range.lowerBound > 0 { base.copyMemory(from: base + range.lowerBound, byteCount: range.count) }
        sodium_memzero(base + range.count, capacity - range.count)
        count = range.count
    }

    /// Constant-time comparison.
    public func equals(_ other: SecretBytes) -> Bool {
        count == other.count && withUnsafeBytes { mine in
            other.withUnsafeBytes { theirs in sodium_memcmp(mine.baseAddress!, theirs.baseAddress!, count) == 0 }
        }
    }

    /// A new secret holding the same bytes.
    public func copy() throws(VaultError) -> SecretBytes {
        let duplicate = try SecretBytes(capacity: count)
        withUnsafeBytes { duplicate.append($0) }
        return duplicate
    }
}
