import Testing
@testable import Inputs

@Suite struct AccountIDTests {
    @Test func acceptsThirtyTwoHexCharactersInLowercase() throws {
        #expect(try AccountID("023e105f4ecef8ad9ca31a8372d0c353").text == "023e105f4ecef8ad9ca31a8372d0c353")
        #expect(try AccountID("023E105F4ECEF8AD9CA31A8372D0C353").text == "023e105f4ecef8ad9ca31a8372d0c353")
    }

    @Test(arguments: ["../../x", "nothex", "", "023e105f4ecef8ad9ca31a8372d0c35", "023e105f4ecef8ad9ca31a8372d0c3530",
                      "023e105f4ecef8ad9ca31a8372d0c35g", "023e105f4ecef8ad9ca31a8372d0c35/", "０２３e105f4ecef8ad9ca31a8372d0c3"])
    func refusesAnythingElse(_ text: String) {
        #expect(throws: InvalidInput.self) { try AccountID(text) }
    }

    @Test func theErrorIsASentenceWithAHint() {
        #expect(throws: InvalidInput("'../../x' is not a Cloudflare account id for --account",
                                     hint: "an account id is 32 hexadecimal characters, shown in the dashboard's URL and on the account's Overview page")) {
            try AccountID("../../x")
        }
    }
}

@Suite struct FeedNameTests {
    @Test(arguments: ["prod", "a", "Prod-2.eu_west", "0", String(repeating: "x", count: 64)])
    func accepts(_ text: String) throws {
        #expect(try FeedName(text).text == text)
    }

    @Test(arguments: ["bad/name", "", ".hidden", "-x", "_x", "a b", "é", "a\u{0}", "../x", String(repeating: "x", count: 65)])
    func refuses(_ text: String) {
        #expect(throws: InvalidInput.self) { try FeedName(text) }
    }
}

@Suite struct DurationInputTests {
    @Test(arguments: [("90", 90_000), ("30s", 30_000), ("10m", 600_000), ("1.5h", 5_400_000), ("7d", 604_800_000), ("2w", 1_209_600_000),
                      ("0s", 0), ("0.001s", 1), ("36500d", 36_500 * 86_400_000)] as [(String, Int64)])
    func reads(_ text: String, _ milliseconds: Int64) throws {
        #expect(try DurationInput(text, option: "--lookback").milliseconds == milliseconds)
    }

    /// Each of these once crashed cfaccess (SIGILL on overflow) or was saved as given.
    @Test(arguments: ["1e300s", "99999999999999d", "999999999999w", "inf", "nan", "-5m", "", "5x", "1.2.3s", "1.s", ".5s", "0.0001s",
                      "36501d", "1 m", "+5m", "0x10s"])
    func refuses(_ text: String) {
        #expect(throws: InvalidInput.self) { try DurationInput(text, option: "--lookback") }
    }

    @Test func boundsAreTheOptionsOwn() {
        #expect(throws: InvalidInput("'8d' is out of range for --lookback", hint: "give between 0s and 7d")) {
            try DurationInput("8d", option: "--lookback", within: 0...7 * 86_400_000)
        }
    }
}

@Suite struct TimeInputTests {
    static let now: Int64 = 1_780_000_000_000

    @Test(arguments: [
        ("2025-07-01T00:00:00Z", 1_751_328_000_000),
        ("2025-07-01T02:00:00+02:00", 1_751_328_000_000),
        ("2025-07-01", 1_751_328_000_000),
        ("now", now),
        ("24h", now - 86_400_000),
        ("1w", now - 604_800_000),
    ] as [(String, Int64)])
    func reads(_ text: String, _ milliseconds: Int64) throws {
        #expect(try TimeInput(text, option: "--since", now: Self.now).milliseconds == milliseconds)
    }

    @Test(arguments: [
        ("0000-01-01T00:00:00+01:00", "is not a time"),
        ("1969-12-31T23:59:59Z", "outside the years 1970 to 9999"),
        ("99999999999999d", "is not a time"),
        ("1e300s", "is not a time"),
        ("30000d", "reaches back before 1970"),
        ("-30m", "is negative"),
        ("", "needs a time"),
        ("90", "is not a time"),
        ("yesterday", "is not a time"),
        ("2025-13-01", "is not a time"),
    ])
    func refuses(_ text: String, _ reason: String) {
        #expect {
            try TimeInput(text, option: "--since", now: Self.now)
        } throws: { error in
            (error as! InvalidInput).message.contains(reason)
        }
    }

    @Test func isGivenToTheAPIAsRFC3339() {
        #expect(TimeInput(milliseconds: 1_751_328_000_123).rfc3339 == "2025-07-01T00:00:00.123Z")
    }
}
