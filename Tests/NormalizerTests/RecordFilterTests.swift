import Foundation
import Testing
@testable import Normalizer

@Suite struct RecordFilterTests {
    static let record = #"{"user_email":"Alice.Smith@Example.com","allowed":false,"app_domain":"wiki.example.com/admin","#
        + #""app_uid":"df7e2e5f-02b7-4d9d-af26-8d1988fca630","connection":"Okta","country":"de","ray_id":"8a1b2c3d4e5f6789","#
        + #""ip_address":"192.0.2.7","action":"login","created_at":"2025-07-01T00:00:00Z"}"#

    func keeps(_ configure: (inout RecordFilter) -> Void, _ text: String = record) -> Bool {
        var filter = RecordFilter()
        configure(&filter)
        return FilterCheck(filter).keeps(ArraySlice(Array(text.utf8)))
    }

    @Test func eachFilterMatchesWithoutRegardToCase() {
        #expect(keeps { $0.email = ["alice"] })
        #expect(!keeps { $0.email = ["bob"] })
        #expect(keeps { $0.email = ["bob", "SMITH@"] }, "any of the values")
        #expect(!keeps { $0.email = ["alice"]; $0.emailExact = true })
        #expect(keeps { $0.email = ["alice.smith@example.com"]; $0.emailExact = true })
        #expect(!keeps { $0.notEmail = ["example.com"] })
        #expect(keeps { $0.allowed = false })
        #expect(!keeps { $0.allowed = true })
        #expect(keeps { $0.app = ["wiki.example.com"] }, "the host without the path")
        #expect(keeps { $0.app = ["WIKI.example.com/admin"] })
        #expect(keeps { $0.app = ["df7e2e5f-02b7-4d9d-af26-8d1988fca630"] })
        #expect(!keeps { $0.app = ["wiki.example"] })
        #expect(keeps { $0.country = ["US", "DE"] })
        #expect(!keeps { $0.notCountry = ["de"] })
        #expect(keeps { $0.rayID = ["8A1B2C3D4E5F6789"] })
        #expect(keeps { $0.idp = ["okta"] })
        #expect(!keeps { $0.idp = ["okta"]; $0.country = ["FR"] }, "different filters must all hold")
    }

    @Test func aRecordThatSaysNeitherIsNeitherAllowedNorDenied() {
        let unknown = #"{"user_email":"a@example.com","created_at":"2025-07-01T00:00:00Z"}"#
        #expect(!keeps({ $0.allowed = true }, unknown))
        #expect(!keeps({ $0.allowed = false }, unknown))
        #expect(keeps({ $0.notCountry = ["DE"] }, unknown), "no country is not DE")
    }

    @Test func aRecordThatCannotBeReadPasses() {
        #expect(keeps({ $0.allowed = true }, #"{"allowed":false,"created_at":"2025-07-01T00:00:00Z"}"#), "no user identity: it goes to the rejects")
    }

    @Test func readsTheEventsMapWrites() {
        let mapper = OCSFMapper(options: MapOptions(profiles: [.datetime]))
        let event = ByteBuffer(capacity: 0)
        mapper.map(record: ArraySlice(Array(Self.record.utf8)), appendingTo: event) { _ in }
        let text = String(decoding: event.bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(keeps({ $0.email = ["alice.smith"]; $0.allowed = false; $0.country = ["de"]; $0.app = ["wiki.example.com"] }, text))
        #expect(keeps({ $0.rayID = ["8a1b2c3d4e5f6789"]; $0.idp = ["okta"] }, text), "the event keeps the provider, as unmapped.connection")
        #expect(!keeps({ $0.idp = ["OpenID"] }, text), "the protocol is not the provider")
        #expect(!keeps({ $0.allowed = true }, text))
    }

    @Test func describesItself() {
        var filter = RecordFilter()
        #expect(filter.description == "none")
        filter.email = ["alice"]
        filter.allowed = false
        filter.country = ["DE", "FR"]
        #expect(filter.description == "email contains alice, denied, country DE or FR")
    }
}
