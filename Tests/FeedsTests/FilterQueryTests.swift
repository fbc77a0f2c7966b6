import Foundation
import Testing
@testable import Feeds
@testable import Normalizer

@Suite struct FilterQueryTests {
    func query(_ configure: (inout RecordFilter) -> Void) -> [String] {
        var filter = RecordFilter()
        configure(&filter)
        return filter.queryParameters.map { "\($0.0)=\($0.1)" }
    }

    @Test func sendsWhatTheAPIDocumentsOneValueAtATime() {
        #expect(query { $0.email = ["alice"] } == ["email=alice", "emailOp=contains"])
        #expect(query { $0.email = ["a@example.com"]; $0.emailExact = true } == ["email=a@example.com", "emailOp=eq", "email_exact=true"])
        #expect(query { $0.notEmail = ["a@example.com"] } == ["email=a@example.com", "emailOp=neq"])
        #expect(query { $0.allowed = false; $0.country = ["de"] } == ["allowed=false", "allowedOp=eq", "country_code=DE", "country_codeOp=eq"])
        #expect(query { $0.notCountry = ["us"] } == ["country_code=US", "country_codeOp=neq"])
        #expect(query { $0.rayID = ["8a1b"]; $0.idp = ["okta"] } == ["ray_id=8a1b", "ray_idOp=eq", "idp=okta", "idpOp=eq"])
        #expect(query { $0.app = ["df7e2e5f-02b7-4d9d-af26-8d1988fca630"] } == ["app_uid=df7e2e5f-02b7-4d9d-af26-8d1988fca630", "app_uidOp=eq"])
    }

    /// Several values, or a value and its negation, cannot be one parameter: those are judged
    /// on arrival only, and nothing is sent that could remove a record the filter keeps.
    @Test func sendsNothingItCannotSayExactly() {
        #expect(query { $0.email = ["a", "b"] }.isEmpty)
        #expect(query { $0.email = ["a"]; $0.notEmail = ["b"] }.isEmpty)
        #expect(query { $0.country = ["DE", "FR"] }.isEmpty)
        #expect(query { $0.app = ["wiki.example.com"] }.isEmpty, "a domain has no documented parameter")
    }
}

@Suite struct FilteredWalkTests {
    /// Records the filter drops are walked past: counted, never delivered, and the newest
    /// walked is where a feed's checkpoint goes.
    @Test func walksPastWhatTheFilterDrops() throws {
        let source = FakeSource(count: 30)
        source.maxPageSize = 7
        source.records = source.records.enumerated().map { index, record in
            (record.time, record.json.replacingOccurrences(of: #""allowed":true"#, with: #""allowed":\#(index % 3 == 0)"#))
        }
        let records = source.records.map(\.json)
        var filter = RecordFilter()
        filter.allowed = true
        let window = FetchWalk.Window(account: try .init("023e105f4ecef8ad9ca31a8372d0c353"), since: "2025-07-01T00:00:00Z", until: nil,
                                      pageSize: 7, filter: filter)
        var delivered: [String] = []
        let stats = try FetchWalk(source: source, window: window).run { page, record in
            delivered.append(String(decoding: page.bytes(of: record), as: UTF8.self))
        }
        #expect(delivered == records.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        #expect(stats.records == 10 && stats.filtered == 20)
        #expect(stats.newest == source.records.last?.time)
        #expect(source.queries.allSatisfy { $0.contains { $0 == ("allowed", "true") } })
    }
}
