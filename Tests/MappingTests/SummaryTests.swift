import TestSupport
import Testing
@testable import Mapping
@testable import Normalizer

@Suite struct SummaryCountTests {
    static func record(_ index: Int, user: Int, allowed: Bool) -> ArraySlice<UInt8> {
        let minute = String(format: "%02d", index % 60)
        return ArraySlice(Array(#"{"user_email":"u\#(user)@example.com","allowed":\#(allowed),"country":"de","created_at":"2025-07-01T0\#(index / 3600 % 10):\#(minute):00Z"}"#.utf8))
    }

    /// Counts merged from many summaries equal the counts of one, whatever the split, with
    /// enough groups to grow the table several times.
    @Test func mergedPartsCountWhatOneCounts() {
        var random = SeededRandom()
        let whole = Summary(by: [.user, .allowed], filter: nil)
        let merged = Summary(by: [.user, .allowed], filter: nil)
        var part = merged.fresh()
        for index in 0..<5000 {
            let record = Self.record(index, user: Int(random.next() % 3000), allowed: random.next() % 4 != 0)
            #expect(whole.read(record))
            #expect(part.read(record))
            if random.next() % 50 == 0 {
                merged.merge(part)
                part = merged.fresh()
            }
        }
        merged.merge(part)
        #expect(merged.counted == 5000)
        #expect(merged.sorted(top: nil) == whole.sorted(top: nil), "\(random.replay)")
        #expect(whole.sorted(top: nil).reduce(0) { $0 + $1.count } == 5000)
    }

    @Test func topKeepsTheLargestAndBreaksTiesByKey() {
        let summary = Summary(by: [.user], filter: nil)
        for (user, times) in [(1, 3), (2, 5), (3, 3), (4, 1), (5, 3)] {
            for index in 0..<times { _ = summary.read(Self.record(index, user: user, allowed: index % 2 == 0)) }
        }
        let top = summary.sorted(top: 3)
        #expect(top.map(\.keys) == [["u2@example.com"], ["u1@example.com"], ["u3@example.com"]])
        #expect(top[0].count == 5 && top[0].allowed == 3 && top[0].denied == 2)
        #expect(top[0].denialRatio == 0.4)
    }

    @Test func filtersAndHoursAndMissingValues() {
        var filter = RecordFilter()
        filter.allowed = false
        let summary = Summary(by: [.hour, .ip], filter: filter)
        for index in 0..<7200 where index % 600 == 0 { _ = summary.read(Self.record(index, user: 1, allowed: index % 1200 == 0)) }
        #expect(summary.filtered == 6 && summary.counted == 6)
        #expect(summary.sorted(top: nil).map(\.keys) == [["2025-07-01T00:00:00.000Z", "-"], ["2025-07-01T01:00:00.000Z", "-"]])
        #expect(!summary.read(ArraySlice(Array(#"{"allowed":false}"#.utf8))), "a record that cannot be read")
    }
}
