import Foundation

/// A seeded generator (SplitMix64) for tests that need chance: the seed comes from
/// `CFACCESS_TEST_SEED` when set, or is given, and every failure message names it so a run can
/// be repeated.
public struct SeededRandom: RandomNumberGenerator {
    public let seed: UInt64
    private var state: UInt64

    /// The seed from `CFACCESS_TEST_SEED`, or a fresh one.
    public init() {
        self.init(seed: ProcessInfo.processInfo.environment["CFACCESS_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max))
    }

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// For `#expect` messages: how to run the same test again.
    public var replay: String { "CFACCESS_TEST_SEED=\(seed)" }
}
