import Testing
@testable import Normalizer

@Suite struct TimestampTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var milliseconds: Int64?
        var offset: Int?
        var testDescription: String { text }
    }

    static let strings: [Case] = [
        .init(text: "1970-01-01T00:00:00Z", milliseconds: 0, offset: 0),
        .init(text: "2014-01-01T05:20:00.12345Z", milliseconds: 1_388_553_600_123, offset: 0),
        .init(text: "2014-01-01T05:20:00.9999999999Z", milliseconds: 1_388_553_600_999, offset: 0),
        .init(text: "2014-01-01T05:20:00+01:00", milliseconds: 1_388_550_000_000, offset: 60),
        .init(text: "2014-01-01T05:20:00-09:30", milliseconds: 1_388_587_800_000, offset: -570),
        .init(text: "2014-01-01 05:20:00z", milliseconds: 1_388_553_600_000, offset: 0),
        .init(text: "2000-02-29T00:00:00Z", milliseconds: 951_782_400_000, offset: 0),
        .init(text: "1900-02-29T00:00:00Z", milliseconds: nil),
        .init(text: "2014-01-01T24:00:00Z", milliseconds: nil),
        .init(text: "2014-01-01T05:20:00", milliseconds: nil),
        .init(text: "2014-01-01T05:20:00.Z", milliseconds: nil),
        .init(text: "2014-01-01T05:20:00+0100", milliseconds: nil),
        .init(text: "2014-01-01T05:20:00Z ", milliseconds: nil),
        .init(text: "01/01/2014", milliseconds: nil),
        .init(text: "1700000000", milliseconds: 1_700_000_000_000, offset: nil),
        .init(text: "99999999999999999999", milliseconds: nil),
        // An offset that carries the instant out of years 1 to 9999 (once a crash under --profile datetime).
        .init(text: "0000-01-01T00:00:00+01:00", milliseconds: nil),
        .init(text: "9999-12-31T23:59:59-01:00", milliseconds: nil),
        .init(text: "0001-01-01T00:00:00Z", milliseconds: -62_135_596_800_000, offset: 0),
        .init(text: "9999-12-31T23:59:59Z", milliseconds: 253_402_300_799_000, offset: 0),
    ]

    @Test(arguments: strings)
    func parsesStrings(_ testCase: Case) {
        let parsed = withText(testCase.text) { Timestamp(string: $0) }
        #expect(parsed?.milliseconds == testCase.milliseconds)
        if testCase.milliseconds != nil { #expect(parsed?.offsetMinutes == testCase.offset) }
    }

    @Test(arguments: [
        (Int64(1_751_373_296), Int64(1_751_373_296_000)),
        (99_999_999_999, 99_999_999_999_000),
        (100_000_000_000, 100_000_000_000),
        (1_751_373_296_789, 1_751_373_296_789),
        (1_751_373_296_789_123, 1_751_373_296_789),
        (1_751_373_296_789_123_456, 1_751_373_296_789),
    ])
    func classifiesEpochIntegersByMagnitude(_ value: Int64, _ milliseconds: Int64) {
        #expect(Timestamp(epoch: value).milliseconds == milliseconds)
        #expect(Timestamp(epoch: value).offsetMinutes == nil)
    }

    @Test func formatsRFC3339Milliseconds() {
        for (milliseconds, text) in [(Int64(0), "1970-01-01T00:00:00.000Z"), (1_388_553_600_123, "2014-01-01T05:20:00.123Z"),
                                     (-1, "1969-12-31T23:59:59.999Z"), (951_782_400_000, "2000-02-29T00:00:00.000Z")] {
            let buffer = ByteBuffer()
            buffer.appendRFC3339(milliseconds: milliseconds)
            #expect(String(decoding: buffer.bytes, as: UTF8.self) == text)
        }
    }

    /// Every day for 400 years (one full Gregorian cycle) survives days → date → days.
    @Test func civilDateConversionRoundTrips() {
        for days in stride(from: -146_097, to: 146_097, by: 1) {
            let date = Timestamp.civil(fromDays: days)
            #expect(Timestamp.daysFromCivil(year: date.year, month: date.month, day: date.day) == days)
            if Timestamp.daysFromCivil(year: date.year, month: date.month, day: date.day) != days { return }
        }
    }
}
