import Files
import FoundationEssentials
import Inputs
import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// A saved collection job (`feeds/NAME.json`): where to read, with which token, where to write.
public struct FeedDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var account: AccountID
    /// The vault token's name (never the secret).
    public var token: String
    public var baseURL: String?
    public var events: [String]
    /// Absolute, so a run from cron or another directory writes the same file.
    public var output: String
    public var format: String
    /// Absolute, like `output`.
    public var rejects: String
    public var start: String
    /// Seconds re-read behind the checkpoint on every run, for late-arriving logs.
    public var lookback: Double
    public var contactName: String?
    public var contactEmail: String?
    /// Seconds between polls when run with `--follow`; `nil` takes the run's `--interval`.
    public var interval: Double?
    /// Rotate the active output once it holds this many bytes, or once it is this many seconds
    /// old; `nil` never.
    public var rotateSize: Int64?
    public var rotateInterval: Double?
    /// Gzip rotated files.
    public var compress: Bool?
    /// The object store an `s3://BUCKET/PREFIX` output goes to (a vault entry's name).
    public var storage: String?
    /// The most bytes of sealed objects the spool holds before the feed stops fetching.
    public var spoolMax: Int64?
    /// Only the records this keeps are delivered: the feed's exactly-once promise is about this
    /// filtered stream. `nil` delivers every record.
    package var filter: RecordFilter?
    /// OCSF profiles added to each event (`datetime`, `security_control`), and the record's own
    /// text in `raw_data`, as `map --profile` and `--raw-data` give them.
    public var profiles: [String]?
    public var rawData: Bool?
    /// The checkpoint lives in the bucket and any number of hosts run the feed, one at a time
    /// collecting (`SharedFeed`); the lease lasts `lease` seconds after each renewal.
    public var shared: Bool?
    public var lease: Double?

    public static let eventTypes = ["access_requests"]
    /// The longest lookback a feed takes: a week covers any late arrival Cloudflare documents.
    public static let lookbackBounds: ClosedRange<Int64> = 0...7 * 86_400_000

    public init(name: FeedName, account: AccountID, token: String, baseURL: String?, output: String, format: String,
                rejects: String, start: String, lookback: Double, contactName: String?, contactEmail: String?) {
        self.name = name.text
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
    /// Set by `feed reset --since T`: nothing older is ever delivered again, whatever the lookback.
    public var floor: String?
    /// Identities delivered inside the lookback window, with their `created_at`.
    public var delivered: [String: String] = [:]
    /// Which file holds the delivered events, and how many of its bytes.
    public var output = FilePosition()
    /// The same for the records that could not be normalized.
    public var rejects = FilePosition()
    public var totalDelivered = 0
    public var totalRejected = 0
    public var lastRun: Run?
    /// When a run last ended without an error.
    public var lastSuccess: String?
    /// Runs in a row that ended with an error (for backing off).
    public var failures = 0
    /// When the active output file received its first event (for `--rotate-interval`).
    public var activeSince: String?
    /// The `created_at` of the first and last record in the active output (its rotated name).
    public var activeFirst: String?
    public var activeLast: String?
    /// A rotation decided and not yet finished (renamed, then compressed), redone after a crash.
    public var rotation: PendingRotation?
    /// The newest rotated file, as finally named.
    public var lastRotated: String?
    /// What the feed last learned of its token's validity (never the token itself).
    public var token: TokenFacts?
    /// An object-storage feed's sealing in progress: the objects being written from the active
    /// spool file, redone from the start after a crash.
    public var sealing: [SealedObject]?
    /// Sealed objects waiting in the spool for their upload to be confirmed, oldest first.
    public var pendingObjects: [SealedObject] = []
    public var uploadedObjects = 0
    /// The events in the objects uploaded (committed, for a shared feed): what reached the bucket.
    /// `totalDelivered` counts every event collected, the ones still in the spool included.
    public var uploadedRecords = 0
    /// Why the last upload failed, until one succeeds.
    public var uploadError: String?
    /// A shared feed's lease and commit position as this host last saw them.
    public var shared: SharedFacts?

    /// A token's expiry as verification gave it, and when that was asked.
    public struct TokenFacts: Codable, Sendable, Equatable {
        /// The vault name of the token the feed used then.
        public var name: String
        public var checkedAt: String
        /// `nil`: the token never expires.
        public var expiresOn: String?
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case cursor, floor, delivered, output, rejects, totalDelivered, totalRejected, lastRun, lastSuccess, failures, activeSince, activeFirst, activeLast
        case rotation, lastRotated, token, sealing, pendingObjects, uploadedObjects, uploadedRecords, uploadError, shared
        /// The output offset of states written before identities were recorded.
        case outputOffset
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cursor = try container.decodeIfPresent(String.self, forKey: .cursor)
        floor = try container.decodeIfPresent(String.self, forKey: .floor)
        delivered = try container.decodeIfPresent([String: String].self, forKey: .delivered) ?? [:]
        output = try container.decodeIfPresent(FilePosition.self, forKey: .output)
            ?? FilePosition(offset: try container.decodeIfPresent(Int64.self, forKey: .outputOffset) ?? 0)
        rejects = try container.decodeIfPresent(FilePosition.self, forKey: .rejects) ?? FilePosition()
        totalDelivered = try container.decodeIfPresent(Int.self, forKey: .totalDelivered) ?? 0
        totalRejected = try container.decodeIfPresent(Int.self, forKey: .totalRejected) ?? 0
        lastRun = try container.decodeIfPresent(Run.self, forKey: .lastRun)
        lastSuccess = try container.decodeIfPresent(String.self, forKey: .lastSuccess)
        failures = try container.decodeIfPresent(Int.self, forKey: .failures) ?? 0
        activeSince = try container.decodeIfPresent(String.self, forKey: .activeSince)
        activeFirst = try container.decodeIfPresent(String.self, forKey: .activeFirst)
        activeLast = try container.decodeIfPresent(String.self, forKey: .activeLast)
        rotation = try container.decodeIfPresent(PendingRotation.self, forKey: .rotation)
        lastRotated = try container.decodeIfPresent(String.self, forKey: .lastRotated)
        token = try container.decodeIfPresent(TokenFacts.self, forKey: .token)
        sealing = try container.decodeIfPresent([SealedObject].self, forKey: .sealing)
        pendingObjects = try container.decodeIfPresent([SealedObject].self, forKey: .pendingObjects) ?? []
        uploadedObjects = try container.decodeIfPresent(Int.self, forKey: .uploadedObjects) ?? 0
        // A state from before the count: everything collected but what is known to wait.
        uploadedRecords = try container.decodeIfPresent(Int.self, forKey: .uploadedRecords)
            ?? max(0, totalDelivered - pendingObjects.filter { $0.kind == .events }.reduce(0) { $0 + $1.records })
        uploadError = try container.decodeIfPresent(String.self, forKey: .uploadError)
        shared = try container.decodeIfPresent(SharedFacts.self, forKey: .shared)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(cursor, forKey: .cursor)
        try container.encodeIfPresent(floor, forKey: .floor)
        try container.encode(delivered, forKey: .delivered)
        try container.encode(output, forKey: .output)
        try container.encode(rejects, forKey: .rejects)
        try container.encode(totalDelivered, forKey: .totalDelivered)
        try container.encode(totalRejected, forKey: .totalRejected)
        try container.encodeIfPresent(lastRun, forKey: .lastRun)
        try container.encodeIfPresent(lastSuccess, forKey: .lastSuccess)
        try container.encode(failures, forKey: .failures)
        try container.encodeIfPresent(activeSince, forKey: .activeSince)
        try container.encodeIfPresent(activeFirst, forKey: .activeFirst)
        try container.encodeIfPresent(activeLast, forKey: .activeLast)
        try container.encodeIfPresent(rotation, forKey: .rotation)
        try container.encodeIfPresent(lastRotated, forKey: .lastRotated)
        try container.encodeIfPresent(token, forKey: .token)
        try container.encodeIfPresent(sealing, forKey: .sealing)
        if !pendingObjects.isEmpty { try container.encode(pendingObjects, forKey: .pendingObjects) }
        if uploadedObjects > 0 { try container.encode(uploadedObjects, forKey: .uploadedObjects) }
        if uploadedRecords > 0 { try container.encode(uploadedRecords, forKey: .uploadedRecords) }
        try container.encodeIfPresent(uploadError, forKey: .uploadError)
        try container.encodeIfPresent(shared, forKey: .shared)
    }
}

/// An output file being rotated: which file (by identity) goes to which name, and whether it is
/// then compressed.
public struct PendingRotation: Codable, Sendable, Equatable {
    public var identity: FileIdentity
    public var target: String
    public var compress: Bool
    /// The `created_at` range of the file's records, for the feed's list of delivered files.
    public var first: String?
    public var last: String?
    /// The temporary file the compression writes, and its identity (recorded before a byte is
    /// written, so only that file is ever removed), and the `.gz` name it is being given.
    public var temporary: String?
    public var temporaryIdentity: FileIdentity?
    public var compressed: String?

    public init(identity: FileIdentity, target: String, compress: Bool) {
        self.identity = identity
        self.target = target
        self.compress = compress
    }
}

/// Why the store could not do what was asked.
public enum FeedStoreError: Error, Sendable {
    /// A file or directory could not be used (missing, unsafe, busy, I/O).
    case file(FileProblem)
    /// The file is there but does not hold what it should; it is left as it is.
    case damaged(path: String, reason: String)
}

/// Feed definitions and states on disk: private files (`PrivateFile`), replaced atomically.
public struct FeedStore: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    var feeds: String { directory + "/feeds" }
    var states: String { directory + "/state" }

    public func definitionPath(_ name: FeedName) -> String { feeds + "/\(name).json" }
    public func statePath(_ name: FeedName) -> String { states + "/\(name).json" }
    public func lockPath(_ name: FeedName) -> String { states + "/\(name).lock" }
    /// Where an object-storage feed keeps its active files and sealed objects.
    public func spoolDirectory(_ name: FeedName) -> String { directory + "/spool/\(name)" }
    /// The files a run appends to: the output and rejects of a local feed, the spool's active
    /// files of an object-storage feed.
    public func activeFiles(of definition: FeedDefinition, name: FeedName) -> (output: String, rejects: String) {
        guard ObjectLayout(output: definition.output) != nil else { return (definition.output, definition.rejects) }
        let spool = spoolDirectory(name) + "/\(name).ndjson"
        return (spool, spool + ".rejects")
    }

    /// The objects an object-storage feed delivered, one JSON line each (`feed verify`).
    public func manifestPath(_ name: FeedName) -> String { states + "/\(name).objects.ndjson" }

    public func exists(_ name: FeedName) -> Bool { access(definitionPath(name), F_OK) == 0 }

    /// Refuses feed and state directories that are symlinks, someone else's, or open to others.
    public func checkDirectories() throws(FeedStoreError) {
        do throws(FileProblem) {
            try PrivateDirectory.check(directory)
            try PrivateDirectory.check(feeds)
            try PrivateDirectory.check(states)
        } catch {
            throw .file(error)
        }
    }

    public func names() -> [String] {
        guard let handle = opendir(feeds) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json"), !name.hasPrefix("."), (try? FeedName(String(name.dropLast(5)))) != nil {
                names.append(String(name.dropLast(5)))
            }
        }
        return names.sorted()
    }

    public func definition(_ name: FeedName) throws(FeedStoreError) -> FeedDefinition {
        try decode(FeedDefinition.self, at: definitionPath(name))
    }

    /// The checkpoint; a feed never run has an empty one.
    public func state(_ name: FeedName) throws(FeedStoreError) -> FeedState {
        do {
            return try decode(FeedState.self, at: statePath(name))
        } catch .file(let problem) where problem.kind == .missing {
            return FeedState()
        }
    }

    public func save(_ definition: FeedDefinition) throws(FeedStoreError) {
        let name = try FeedStore.name(definition.name)
        try write(definition, to: definitionPath(name), in: feeds)
    }

    public func save(_ state: FeedState, for name: FeedName) throws(FeedStoreError) {
        try write(state, to: statePath(name), in: states)
    }

    /// Removes the definition, the state and the lock; call it holding the run lock.
    public func delete(_ name: FeedName) throws(FeedStoreError) {
        do throws(FileProblem) {
            for path in [definitionPath(name), statePath(name), lockPath(name)] { try DirectoryEntry.remove(path) }
        } catch {
            throw .file(error)
        }
    }

    /// Holds `state/NAME.lock` for the duration of `body`; another holder is waited for up to
    /// `wait` seconds, then `FeedBusy` is thrown.
    public func withRunLock<Result>(_ name: FeedName, wait: Double = 2, _ body: () throws -> Result) throws -> Result {
        do throws(FileProblem) { try PrivateDirectory.make(states) } catch { throw FeedStoreError.file(error) }
        do {
            return try FileLock.withLock(lockPath(name), timeout: wait, body)
        } catch {
            switch error {
            case .body(let failure): throw failure
            case .file(let problem) where problem.kind == .busy: throw FeedBusy(name: name.text)
            case .file(let problem): throw FeedStoreError.file(problem)
            }
        }
    }

    private static func name(_ text: String) throws(FeedStoreError) -> FeedName {
        do { return try FeedName(text) } catch { throw .damaged(path: text, reason: error.message) }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private func decode<Value: Decodable>(_ type: Value.Type, at path: String) throws(FeedStoreError) -> Value {
        let bytes: [UInt8]
        do throws(FileProblem) { bytes = try PrivateFile.read(path, limit: 64 << 20) } catch { throw .file(error) }
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let invalid as InvalidInput {
            throw .damaged(path: path, reason: invalid.message)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is InvalidInput {
            throw .damaged(path: path, reason: (context.underlyingError as! InvalidInput).message)
        } catch {
            throw .damaged(path: path, reason: "it is not the JSON cfaccess wrote")
        }
    }

    private func write<Value: Encodable>(_ value: Value, to path: String, in folder: String) throws(FeedStoreError) {
        do throws(FileProblem) {
            try PrivateDirectory.make(folder)
            let data: [UInt8]
            do { data = [UInt8](try FeedStore.encoder.encode(value)) } catch { throw FileProblem(.io(errno: EINVAL), "cannot encode '\(path)'") }
            try PrivateFile.replace(path, with: data)
        } catch {
            throw .file(error)
        }
    }
}

/// Another run of the same feed holds its lock.
public struct FeedBusy: Error, Sendable {
    public var name: String
}

extension FeedDefinition {
    /// How the feed's records become events: its account, profiles and `raw_data`.
    package var mapOptions: MapOptions {
        MapOptions(accountID: account.text, profiles: Set((profiles ?? []).compactMap(Profile.init(rawValue:))), includeRawData: rawData ?? false)
    }
}
