import CSodium

/// libsodium, initialised exactly once before any use.
enum Sodium {
    private static let initialised: Bool = sodium_init() >= 0

    /// Call before any libsodium function; cheap after the first time.
    static func ready() throws(VaultError) {
        guard initialised else { throw .crypto("libsodium could not be initialised") }
    }
}
