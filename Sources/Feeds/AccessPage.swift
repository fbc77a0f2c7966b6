import CSodium
import Client
import Normalizer

/// One page of `access_requests`, read with the normalizer's scanner: the envelope checked, and
/// each record's text and identity located without building a tree.
public struct AccessPage {
    public struct Record {
        /// The record's bytes in `body`.
        public var range: Range<Int>
        /// `created_at` as sent, and as an instant for ordering.
        public var createdAt: String
        public var instant: Instant
        /// `ray_id`, `created_at` and `action`: what makes a record itself (DESIGN.md §8); for a
        /// record without a `ray_id`, a digest of its bytes, so two different records never
        /// pass for one.
        public var identity: String
    }

    public let body: [UInt8]
    public let records: [Record]

    /// Checks the envelope; anything unusable is a `.payload` error, which the client retries.
    public init(body: [UInt8]) throws(ClientError) {
        self.body = body
        var records: [Record] = []
        let result: Result<Void, ClientError> = body.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .failure(ClientError(.payload, detail: "an empty body")) }
            var scanner = JSONScanner(base: base, start: 0, end: buffer.count, isFinal: true, line: 1)
            scanner.skipWhitespace()
            var members: [Member] = []
            guard !scanner.atEnd, scanner.current == UInt8(ascii: "{"), (try? scanner.scanObject(into: &members)) != nil else {
                return .failure(ClientError(.payload, detail: "the body is not a complete JSON object (cut short?)"))
            }
            func key(_ member: Member) -> String {
                String(decoding: UnsafeBufferPointer(start: base + member.keyStart, count: member.keyEnd - member.keyStart), as: UTF8.self)
            }
            guard members.contains(where: { key($0) == "success" && $0.kind == .true }) else {
                return .failure(ClientError(.payload, detail: "success is not true"))
            }
            guard let result = members.first(where: { key($0) == "result" && $0.kind == .array }) else {
                return .failure(ClientError(.payload, detail: "result is not an array"))
            }
            var inner = JSONScanner(base: base, start: result.valueStart + 1, end: result.valueEnd, isFinal: true, line: 1)
            var fields: [Member] = []
            while true {
                inner.skipWhitespace()
                if inner.atEnd || inner.current == UInt8(ascii: "]") { break }
                if inner.current == UInt8(ascii: ",") { inner.position += 1; continue }
                let start = inner.position
                guard inner.current == UInt8(ascii: "{"), (try? inner.scanObject(into: &fields)) != nil else {
                    return .failure(ClientError(.payload, detail: "a result element is not an object"))
                }
                func text(_ name: String) -> String {
                    guard let field = fields.last(where: { key($0) == name && $0.kind == .string }) else { return "" }
                    return String(decoding: UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart), as: UTF8.self)
                }
                let createdAt = text("created_at")
                guard let instant = Instant(createdAt) else {
                    return .failure(ClientError(.payload, detail: "a record has no usable created_at"))
                }
                let rayID = text("ray_id")
                let identity = rayID.isEmpty
                    ? AccessPage.digest(UnsafeBufferPointer(rebasing: buffer[start..<inner.position]))
                    : rayID + "|" + createdAt + "|" + text("action")
                records.append(Record(range: start..<inner.position, createdAt: createdAt, instant: instant, identity: identity))
            }
            return .success(())
        }
        try result.get()
        self.records = records
    }

    public func bytes(of record: Record) -> ArraySlice<UInt8> { body[record.range] }

    private static let sodiumReady = sodium_init() >= 0

    /// `b2:` and the hex of a 128-bit BLAKE2b digest of the record's bytes.
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        precondition(sodiumReady, "libsodium could not be initialised")
        var hash = [UInt8](repeating: 0, count: 16)
        _ = hash.withUnsafeMutableBufferPointer { output in
            crypto_generichash(output.baseAddress!, 16, bytes.baseAddress, UInt64(bytes.count), nil, 0)
        }
        let digits = Array("0123456789abcdef".utf8)
        return "b2:" + String(decoding: hash.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}

/// A point in time to the nanosecond, ordered.
public struct Instant: Comparable, Hashable, Sendable {
    public var seconds: Int64
    public var nanoseconds: Int64

    public init?(_ text: String) {
        guard let parsed = Timestamp.instant(text) else { return nil }
        seconds = parsed.seconds
        nanoseconds = parsed.nanoseconds
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
