import Client
import Testing
@testable import Feeds

@Suite struct AccessPageTests {
    static func page(_ text: String) throws(ClientError) -> AccessPage { try AccessPage(body: Array(text.utf8)) }

    @Test func readsRecordsAndTheirIdentity() throws {
        let page = try Self.page(#"{"success":true,"errors":[],"result":[{"ray_id":"a1","created_at":"2025-07-01T00:00:00.123456789Z","action":"login"},"#
                                 + #" {"ray_id":"b2","created_at":"2025-07-01T00:00:00.123456790Z","action":""}]}"#)
        #expect(page.records.count == 2)
        #expect(page.records[0].identity == "a1|2025-07-01T00:00:00.123456789Z|login")
        // Nanoseconds apart: milliseconds would call them equal, the walk must not.
        #expect(page.records[0].instant < page.records[1].instant)
        #expect(String(decoding: page.bytes(of: page.records[1]), as: UTF8.self).hasPrefix(#"{"ray_id":"b2""#))
    }

    @Test(arguments: [
        #"{"success":true,"result":[{"created_at":"2025-07-01T00:00:00Z"}"#,
        "<html><body>502 Bad Gateway</body></html>",
        #"{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"result":null}"#,
        #"{"success":true,"result":{"id":"x"}}"#,
        #"{"success":true,"result":[{"ray_id":"x"}]}"#,
        #"{"success":true,"result":[42]}"#,
    ])
    func refusesUnusableBodies(_ body: String) {
        #expect(throws: ClientError.self) { try Self.page(body) }
    }

    /// Without a `ray_id`, two records of the same instant and action are still two records: the
    /// identity is a digest of each record's bytes.
    @Test func recordsWithoutARayIDAreIdentifiedByTheirBytes() throws {
        let one = #"{"created_at":"2025-07-01T00:00:00Z","action":"login","user_email":"a@example.com"}"#
        let two = #"{"created_at":"2025-07-01T00:00:00Z","action":"login","user_email":"b@example.com"}"#
        let page = try Self.page(#"{"success":true,"result":["# + one + "," + two + "," + one + "]}")
        let identities = page.records.map(\.identity)
        #expect(identities[0] != identities[1])
        #expect(identities[0] == identities[2])
        #expect(identities.allSatisfy { $0.hasPrefix("b2:") && $0.count == 35 })
    }

    @Test func instantsOrderAcrossOffsets() {
        #expect(Instant("2025-07-01T02:00:00+02:00") == Instant("2025-07-01T00:00:00Z"))
        #expect(Instant("2025-07-01T00:00:00.5Z")! < Instant("2025-07-01T00:00:01Z")!)
        #expect(Instant("yesterday") == nil)
    }
}
