import Foundation
import Normalizer

/// Deterministic synthetic access-request records: the same `count` and `seed` give the same
/// records, byte for byte, on every machine. Times ascend from 2025-07-01T00:00:00Z with bursts
/// of equal timestamps, and the records vary as real ones do (every action, connection, IPv4
/// and IPv6, countries, allowed and denied).
public struct SandboxDataset: Sendable {
    public struct Record: Sendable {
        /// Unix milliseconds of `created_at`.
        public var milliseconds: Int64
        /// The record's JSON text (API shape).
        public var json: String
    }

    public let records: [Record]

    /// 2025-07-01T00:00:00Z: where a pinned dataset (`--epoch`) of the tests starts.
    public static let start: Int64 = 1_751_328_000_000

    /// `tieBurst`: every so often this many records share one timestamp (more than a page, if
    /// it exceeds the page size). `unmappableEvery`: every Kth record has no user identity (no
    /// `user_email`, `ip_address` or `user_id`), so it cannot be normalized and goes to a
    /// feed's rejects. `withoutRayEvery`: every Kth record has no `ray_id`. Times start at
    /// `start` (Unix ms) and step by `averageStep` ms on average.
    public init(count: Int, seed: UInt64, start: Int64 = SandboxDataset.start, averageStep: Int64 = 1000, tieBurst: Int = 0,
                unmappableEvery: Int? = nil, withoutRayEvery: Int? = nil) {
        var generator = SplitMix64(seed: seed)
        var time = start
        var records: [Record] = []
        records.reserveCapacity(count)
        let actions = ["login", "login", "login", "login", "logout", "warpEnrollment", ""]
        let connections = ["saml", "oidc", "okta", "azureAD", "google", "github", "onetimepin", "google-apps", "onelogin"]
        let apps = ["wiki.example.com/admin", "grafana.example.com", "git.example.com/org", "vpn.example.net", "saas.example.com"]
        let countries = ["us", "de", "gb", "fr", "jp", "br", "in"]
        var burstLeft = 0
        for index in 0..<count {
            if burstLeft > 0 {
                burstLeft -= 1
            } else if tieBurst > 0 && index % 997 == 13 {
                burstLeft = tieBurst - 1
            } else {
                // Mostly a step of up to 2 s; one in eight records shares the previous instant.
                if generator.next() % 8 != 0 { time += Int64(generator.next() % UInt64(2 * averageStep)) + 1 }
            }
            let user = "user\(generator.next() % 500)@example.com"
            let ip = generator.next() % 4 == 0
                ? "2001:db8:\(String(generator.next() % 65536, radix: 16))::\(String(generator.next() % 65536, radix: 16))"
                : "\(generator.next() % 223 + 1).\(generator.next() % 256).\(generator.next() % 256).\(generator.next() % 254 + 1)"
            let ray = String(format: "%016llx", generator.next())
            let uid = String(format: "%08llx-%04llx-4%03llx-%04llx-%012llx", generator.next() & 0xFFFF_FFFF, generator.next() & 0xFFFF,
                             generator.next() & 0xFFF, generator.next() & 0xFFFF, generator.next() & 0xFFFF_FFFF_FFFF)
            var fields = [
                "\"action\":\"\(actions[Int(generator.next() % UInt64(actions.count))])\"",
                "\"allowed\":\(generator.next() % 5 != 0)",
                "\"app_domain\":\"\(apps[Int(generator.next() % UInt64(apps.count))])\"",
                "\"app_uid\":\"\(uid)\"",
                "\"connection\":\"\(connections[Int(generator.next() % UInt64(connections.count))])\"",
                "\"country\":\"\(countries[Int(generator.next() % UInt64(countries.count))])\"",
                "\"created_at\":\"\(SandboxDataset.format(time))\"",
                "\"ip_address\":\"\(ip)\"",
                "\"ray_id\":\"\(ray)\"",
                "\"user_email\":\"\(user)\"",
            ]
            if let every = unmappableEvery, index % every == every - 1 {
                fields.removeAll { $0.hasPrefix("\"user_email\"") || $0.hasPrefix("\"ip_address\"") }
            }
            if let every = withoutRayEvery, index % every == every - 1 {
                fields.removeAll { $0.hasPrefix("\"ray_id\"") }
            }
            records.append(Record(milliseconds: time, json: "{" + fields.joined(separator: ",") + "}"))
        }
        self.records = records
    }

    /// RFC 3339 UTC with milliseconds (the normalizer's formatter: fast enough for millions).
    public static func format(_ milliseconds: Int64) -> String {
        let buffer = ByteBuffer(capacity: 32)
        buffer.appendRFC3339(milliseconds: milliseconds)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Parses the RFC 3339 forms a client sends (`Z` or an offset, optional fraction).
    public static func parse(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}

/// A tiny, fast, well-distributed generator whose output never depends on the platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
