// swift-tools-version: 6.0
import PackageDescription

/// cfaccess: Cloudflare Access logs → OCSF Authentication (3002).
/// Module layout follows DESIGN.md §11: one library per concern, a thin executable.
let package = Package(
    name: "cfaccess",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cfaccess", targets: ["cfaccess"]),
        .executable(name: "cfaccess-sandbox", targets: ["cfaccess-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The sandbox's HTTP server: a small, well-kept server on Swift concurrency.
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        // C libraries from Debian, through pkg-config.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        /// Typed wrappers for libcurl's variadic calls, which Swift cannot import.
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        /// `prctl` is variadic too; this wraps the start-up hardening of DESIGN.md §5.
        .target(name: "CProcess"),

        .target(
            name: "Normalizer",
            swiftSettings: [
                // The hot path appends to buffers owned by classes; dynamic exclusivity checks
                // on those accesses cost about a third of map's time. The module never hands out
                // overlapping inout access to them, and the fuzz target exercises it.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        /// Private files: open-then-check, atomic replace, locks. Shared by Vault, Feeds and Shell.
        .target(name: "Files"),
        /// Values as they enter (account ids, feed names, durations, times, base URLs), parsed once,
        /// and where they may come from besides an option: the environment and the saved defaults.
        .target(name: "Inputs", dependencies: ["Normalizer", "Files", "CCurl"]),
        .target(name: "Shell", dependencies: ["CEdit", "CSodium", "Files"]),
        /// The one voice: status lines, errors and hints, colour, the progress line, tables, and the
        /// scrubber that keeps credentials out of every diagnostic.
        .target(name: "Voice", dependencies: ["Files", "Inputs"]),
        /// The session's secrets: the vault as a session holds it (the unlocked key, the idle
        /// lock), the passphrase's sources, secret input from files, descriptors and the terminal,
        /// and the credentials they give Cloudflare clients (one per feed, following the vault).
        .target(name: "Secrets", dependencies: ["Vault", "Shell", "Files", "Inputs", "Voice", "Client", "Feeds", "Storage"]),
        .target(name: "Vault", dependencies: ["CSodium", "Files"]),
        /// libsodium only to wipe the copies of the Authorization line (`sodium_memzero`).
        .target(name: "Client", dependencies: ["Inputs", "Files", "Voice", "CCurl", "CCurlShim", "CSodium"]),
        /// The parallel map pipeline (blocks, workers, ordered writer) used by `map`, `logs fetch` and feeds;
        /// zlib reads gzip input, CProcess tells the CPUs this process may use.
        .target(name: "Mapping", dependencies: ["Normalizer", "Files", "Inputs", "Voice", "CZlib", "CProcess"]),
        /// S3-compatible object storage: requests signed by libcurl (SigV4), uploads streamed from
        /// files, conditional writes; libsodium for SHA-256 and to wipe the signing key's copies.
        .target(name: "Storage", dependencies: ["Files", "Inputs", "CCurl", "CCurlShim", "CSodium"]),
        /// libsodium for the digest that identifies a record without a `ray_id`; zlib to gzip rotated files.
        .target(name: "Feeds", dependencies: ["Client", "Storage", "Inputs", "Normalizer", "Files", "Mapping", "Voice", "CSodium", "CZlib"]),
        .target(
            name: "Commands",
            dependencies: [
                "Normalizer", "Inputs", "Shell", "Vault", "Client", "Feeds", "Files", "Mapping", "Voice", "Secrets", "Storage", "CSodium", "CCurl",
                "CCurlShim", "CProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "cfaccess", dependencies: ["Commands"]),
        .target(name: "Sandbox", dependencies: ["Normalizer", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(
            name: "cfaccess-sandbox",
            dependencies: ["Sandbox", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        /// What several test targets share: a seeded generator, scratch directories, the project root.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NormalizerTests", dependencies: ["Normalizer", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "Normalizer", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell"]),
        .testTarget(name: "ClientTests", dependencies: ["Client", "Inputs"]),
        .testTarget(name: "InputsTests", dependencies: ["Inputs", "Files"]),
        .testTarget(name: "FeedsTests", dependencies: ["Feeds", "Client", "Storage", "Inputs"]),
        .testTarget(name: "FilesTests", dependencies: ["Files"]),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets"]),
        .testTarget(name: "VaultTests", dependencies: ["Vault"], exclude: ["Fixtures"]),
        /// Starts the binary on a pseudo-terminal for the interactive tests.
        .target(name: "CTestSupport", path: "Tests/CTestSupport"),
        .testTarget(
            name: "CommandsTests", dependencies: ["Commands", "Mapping", "CCurl", "CCurlShim", "CTestSupport", "TestSupport"], exclude: ["Transcripts", "Sessions"]),
    ]
)
