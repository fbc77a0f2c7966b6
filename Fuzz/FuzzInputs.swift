import Inputs
import Normalizer

/// libFuzzer entry point over every parser of user input: times, durations, account ids, feed
/// names and base URLs. None may crash, and whatever one accepts must hold its promise (an
/// account id is 32 lowercase hex characters, a base URL is https or loopback and parses again
/// to itself, a time written out reads back as the same instant).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInputs(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let now: Int64 = 1_780_000_000_000

    if let time = try? TimeInput(text, option: "--since", now: now) {
        precondition((0...253_402_300_799_999).contains(time.milliseconds), "time out of range")
        precondition((try? TimeInput(time.rfc3339, option: "--since", now: now))?.milliseconds == time.milliseconds, "time does not read back")
    }
    if let duration = try? DurationInput(text, option: "--lookback") {
        precondition((0...DurationInput.longest).contains(duration.milliseconds), "duration out of range")
    }
    if let account = try? AccountID(text) {
        precondition(account.text.utf8.count == 32 && account.text.utf8.allSatisfy { $0 &- 48 < 10 || $0 &- 97 < 6 }, "bad account id")
    }
    if let name = try? FeedName(text) {
        precondition(!name.text.contains("/") && !name.text.hasPrefix(".") && name.text.utf8.count <= 64, "bad feed name")
    }
    if let url = try? BaseURL(text) {
        precondition(url.text.hasPrefix("https://") || (url.isLoopback && url.text.hasPrefix("http://")), "insecure base URL")
        precondition(!url.text.contains("@") && !url.text.contains("?") && !url.text.contains("#"), "base URL kept user-info, query or fragment")
        precondition((try? BaseURL(url.text)) == url, "base URL does not parse to itself")
    }
    _ = Timestamp.instant(text)
    return 0
}
