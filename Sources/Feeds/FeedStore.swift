import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A saved collection job (`feeds/NAME.json`): where to read, with which token, where to write.
public struct FeedDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var account: String
    /// The vault token's name (never the secret).
    public var token: String
    public var baseURL: String?
    public var events: [String]
    public var output: String
    public var format: String
    public var rejects: String
    public var start: String
    /// Seconds re-read behind the checkpoint on every run, for late-arriving logs.
    public var lookback: Double
    public var contactName: String?
    public var contactEmail: String?

    public static let eventTypes = ["access_requests"]

    public init(name: String, account: String, token: String, baseURL: String?, output: String, format: String,
                rejects: String, start: String, lookback: Double, contactName: String?, contactEmail: String?) {
        self.name = name
        self.account = account
        self.token = token
        self.baseURL = baseURL
        events = ["access_requests"]
        self.output = output
        self.format = format
        self.rejects = rejects
        self.start = start
        self.lookback = lookback
        self.contactName = contactName
        self.contactEmail = contactEmail
    }
}

/// A feed's checkpoint and health (`state/NAME.json`), written only after the output is synced.
public struct FeedState: Codable, Sendable, Equatable {
    public struct Run: Codable, Sendable, Equatable {
        public var started: String
        public var ended: String?
        public var records = 0
        public var pages = 0
        public var retries = 0
        public var rejects = 0
        public var error: String?

        public init(started: String) { self.started = started }
    }

    /// The newest `created_at` delivered.
    public var cursor: String?
    /// Identities delivered inside the lookback window, with their `created_at`.
    public var delivered: [String: String] = [:]
    /// Bytes of the output file that hold delivered events.
    public var outputOffset: Int64 = 0
    public var totalDelivered = 0
    public var lastRun: Run?

    public init() {}
}

/// Feed definitions and states on disk, private files replaced atomically.
public struct FeedStore: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    var feeds: String { directory + "/feeds" }
    var states: String { directory + "/state" }

    public func definitionPath(_ name: String) -> String { feeds + "/\(name).json" }
    public func statePath(_ name: String) -> String { states + "/\(name).json" }

    public func exists(_ name: String) -> Bool { access(definitionPath(name), F_OK) == 0 }

    public func names() -> [String] {
        guard let handle = opendir(feeds) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json"), !name.hasPrefix(".") { names.append(String(name.dropLast(5))) }
        }
        return names.sorted()
    }

    public func definition(_ name: String) throws -> FeedDefinition {
        try JSONDecoder().decode(FeedDefinition.self, from: try read(definitionPath(name)))
    }

    public func state(_ name: String) throws -> FeedState {
        guard access(statePath(name), F_OK) == 0 else { return FeedState() }
        return try JSONDecoder().decode(FeedState.self, from: try read(statePath(name)))
    }

    public func save(_ definition: FeedDefinition) throws {
        try write(try Self.encoder.encode(definition), to: definitionPath(definition.name), in: feeds)
    }

    public func save(_ state: FeedState, for name: String) throws {
        try write(try Self.encoder.encode(state), to: statePath(name), in: states)
    }

    public func delete(_ name: String) {
        unlink(definitionPath(name))
        unlink(statePath(name))
        unlink(states + "/\(name).lock")
    }

    /// Holds `state/NAME.lock` for the duration of `body`; another run waits up to `wait`
    /// seconds, then `FeedBusy` is thrown.
    public func withRunLock<Result>(_ name: String, wait: Double = 2, _ body: () throws -> Result) throws -> Result {
        try makeDirectory(states)
        let descriptor = open(states + "/\(name).lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw FeedStoreError(message: "cannot open the lock of feed '\(name)'") }
        defer { close(descriptor) }
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard waited < wait else { throw FeedBusy(name: name) }
            usleep(50_000)
            waited += 0.05
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private func read(_ path: String) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw FeedStoreError(message: "cannot read '\(path)'") }
        defer { close(descriptor) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw FeedStoreError(message: "cannot read '\(path)'") }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    private func makeDirectory(_ path: String) throws {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw FeedStoreError(message: "cannot create '\(directory)'") }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw FeedStoreError(message: "cannot create '\(path)'") }
    }

    /// Temp file, fsync, rename, fsync of the directory.
    private func write(_ data: Data, to path: String, in folder: String) throws {
        try makeDirectory(folder)
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw FeedStoreError(message: "cannot write '\(temporary)'") }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw FeedStoreError(message: "cannot write '\(path)'")
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}

public struct FeedStoreError: Error, Sendable {
    public var message: String
}

/// Another run of the same feed holds its lock.
public struct FeedBusy: Error, Sendable {
    public var name: String
}
