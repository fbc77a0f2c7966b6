import Files
import Testing
@testable import Inputs
#if canImport(Glibc)
import Glibc
#endif

@Suite struct TimeWindowTests {
    let now: Int64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z

    @Test func readsAgesAndTimes() throws {
        let window = try TimeWindow(since: "24h", until: "2026-01-01T00:00:00Z", now: now)
        #expect(window.since.rfc3339 == "2025-12-31T00:00:00.000Z")
        #expect(window.until?.milliseconds == now)
        #expect(try TimeWindow(since: "1h", until: nil, now: now).until == nil)
    }

    @Test func refusesAStartInTheFutureOrAnEndBeforeTheStart() {
        #expect(throws: InvalidInput("--since 2026-01-02T00:00:00.000Z is in the future", hint: "give a past time, or an age such as 24h")) {
            try TimeWindow(since: "2026-01-02T00:00:00Z", until: nil, now: now)
        }
        #expect(throws: InvalidInput("--until 2025-12-30T00:00:00.000Z is before --since 2025-12-31T00:00:00.000Z",
                                     hint: "swap them, or give a later --until")) {
            try TimeWindow(since: "1d", until: "2025-12-30T00:00:00Z", now: now)
        }
    }
}

@Suite struct SavedDefaultsTests {
    /// A fresh private directory for one test.
    func directory() -> String {
        var template = Array("/tmp/cfaccess-defaults-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }

    @Test func noFileIsNoDefaultsAndAnOptionWins() throws {
        let directory = directory()
        var defaults = try SavedDefaults(directory: directory)
        #expect(defaults.values.isEmpty)
        try defaults.set(.baseURL, to: "http://127.0.0.1:1/client/v4")
        let again = try SavedDefaults(directory: directory)
        #expect(again.values == ["base-url": "http://127.0.0.1:1/client/v4"])
        #expect(again.value(.baseURL, option: "http://127.0.0.1:2") == "http://127.0.0.1:2")
        #expect(again.value(.baseURL, option: nil) == "http://127.0.0.1:1/client/v4")
        var info = stat()
        #expect(stat(directory + "/config.json", &info) == 0 && info.st_mode & 0o777 == 0o600)
        try defaults.set(.baseURL, to: nil)
        #expect(try SavedDefaults(directory: directory).values.isEmpty)
    }

    @Test func aMissingValueSaysTheThreeWaysToGiveIt() throws {
        let defaults = try SavedDefaults(directory: directory())
        #expect(throws: InvalidInput("give --feed NAME", hint: "or set CFACCESS_FORMAT, or save a default: cfaccess config set format VALUE")) {
            try defaults.required(.format, option: nil, flag: "--feed NAME")
        }
    }

    @Test func aDamagedFileIsNamedAndLeftAsItIs() throws {
        let directory = directory()
        try PrivateFile.replace(directory + "/config.json", with: Array("[1, 2]".utf8))
        #expect {
            try SavedDefaults(directory: directory)
        } throws: { error in
            guard case SavedDefaults.Problem.damaged(let path)? = error as? SavedDefaults.Problem else { return false }
            return path == directory + "/config.json"
        }
        #expect(try PrivateFile.read(directory + "/config.json", limit: 100) == Array("[1, 2]".utf8))
    }
}

@Suite struct TokenExpiryTests {
    let now: Int64 = 1_764_806_400_000  // 2025-12-04T00:00:00Z

    @Test func saysWhenToTheNearestDayOrHour() throws {
        let expiry = try #require(TokenExpiry("2025-12-09T00:00:00Z"))
        #expect(expiry.description(now: now) == "expires in 5 days, 2025-12-09")
        #expect(expiry.description(now: now + 3_600_000) == "expires in 5 days, 2025-12-09", "4 days 23 hours is nearer 5")
        #expect(expiry.description(now: expiry.milliseconds - 7 * 3_600_000) == "expires in 7 hours, 2025-12-09")
        #expect(expiry.description(now: expiry.milliseconds - 60_000) == "expires in 1 hour, 2025-12-09")
        #expect(expiry.description(now: expiry.milliseconds) == "expired on 2025-12-09")
        #expect(TokenExpiry("1 Jan") == nil && TokenExpiry(nil) == nil)
    }

    @Test func warnsUnderFourteenDays() throws {
        let expiry = try #require(TokenExpiry("2025-12-18T00:00:00Z"))
        #expect(!expiry.isSoon(now: now), "exactly 14 days ahead")
        #expect(expiry.isSoon(now: now + 1))
        #expect(!expiry.isPast(now: now) && expiry.isPast(now: expiry.milliseconds))
    }
}
