import TestSupport
import Testing
@testable import Normalizer

/// Values over the mapper's limit are rejected whole, in parts, while the records around them
/// map as if the big one were not there — however the input is cut into chunks.
@Suite struct OversizedValueTests {
    static let small = #"{"created_at":"2025-07-01T00:00:00Z","user_email":"a@example.com","allowed":true,"action":"login","ray_id":"%"}"#

    static func record(_ ray: String) -> String { small.replacingOccurrences(of: "%", with: ray) }

    /// What a mapper with `limit` makes of `input` fed in chunks of the sizes `chunk` gives.
    static func map(_ input: String, limit: Int, chunk: (Int) -> Int) -> (events: Int, rejected: [String], lines: [Int], finalLine: Int, reasons: [String]) {
        let mapper = OCSFMapper(options: MapOptions())
        mapper.limit = limit
        let bytes = Array(input.utf8)
        var offset = 0
        var events = 0
        var rejected: [String] = []
        var lines: [Int] = []
        var reasons: [String] = []
        var open = ""
        func take() {
            events += mapper.output.bytes.split(separator: 0x0A).count
            mapper.output.removeAll()
            for rejection in mapper.rejections {
                if !rejection.isPart {
                    lines.append(rejection.line)
                    reasons.append(rejection.reason)
                }
                open += String(decoding: rejection.text, as: UTF8.self)
                if !rejection.continues {
                    rejected.append(open)
                    open = ""
                }
            }
            mapper.rejections.removeAll()
        }
        var index = 0
        while offset < bytes.count {
            let size = max(1, min(chunk(index), bytes.count - offset))
            bytes[offset..<(offset + size)].withUnsafeBytes { mapper.feed($0) }
            offset += size
            index += 1
            take()
        }
        mapper.finish()
        take()
        return (events, rejected, lines, mapper.nextLine, reasons)
    }

    static func big(_ length: Int) -> String {
        #"{"created_at":"2025-07-01T00:00:00Z","note":""# + String(repeating: "x", count: length) + #"","nested":[{"a":"}]\"{"}]}"#
    }

    @Test(arguments: [1, 7, 100, 4096, 1 << 20])
    func aBigRecordAmongNDJSONIsRejectedWhole(_ chunk: Int) {
        let input = Self.record("r1") + "\n" + Self.big(5000) + "\n" + Self.record("r2") + "\n" + Self.record("r3") + "\n"
        let result = Self.map(input, limit: 1024) { _ in chunk }
        #expect(result.events == 3)
        #expect(result.rejected == [Self.big(5000)])
        #expect(result.lines == [2])
        #expect(result.reasons == ["a single value larger than 1024 bytes; it is kept whole in the rejects file, and mapping goes on after it"])
        #expect(result.finalLine == 5)
    }

    @Test func aBigElementOfAnArrayIsRejectedAndTheArrayGoesOn() {
        var random = SeededRandom(seed: 17)
        let input = "[\n" + Self.record("a") + ",\n" + Self.big(3000) + ",\n" + Self.record("b") + "\n]\n" + Self.record("c") + "\n"
        for _ in 0..<50 {
            let result = Self.map(input, limit: 512) { _ in Int(random.next() % 700) + 1 }
            #expect(result.events == 3, "seed 17")
            #expect(result.rejected == [Self.big(3000)], "seed 17")
            #expect(result.lines == [3], "seed 17")
            #expect(result.reasons.allSatisfy { $0.hasPrefix("a single value larger than") }, "seed 17")
        }
    }

    @Test func aBigValueCutOffByTheEndOfInputIsKept() {
        let input = Self.record("r1") + "\n" + String(Self.big(4000).prefix(3000))
        let result = Self.map(input, limit: 1024) { _ in 256 }
        #expect(result.events == 1)
        #expect(result.rejected == [String(Self.big(4000).prefix(3000))])
    }

    /// Text that is not JSON at all and runs past the limit is skipped to the end of its line.
    @Test func aLongBrokenLineIsRejectedToItsEnd() {
        let broken = "not json " + String(repeating: "y", count: 4000)
        let input = broken + "\r\n" + Self.record("r1") + "\n"
        let result = Self.map(input, limit: 1024) { _ in 300 }
        #expect(result.events == 1)
        #expect(result.rejected == [broken])
        #expect(result.reasons.allSatisfy { $0.hasPrefix("a single value larger than") })
    }

    /// A record handed over on its own (a fetch) comes back as one rejection, text whole.
    @Test func aFetchedBigRecordIsOneRejection() {
        let mapper = OCSFMapper(options: MapOptions())
        mapper.limit = 1024
        let events = ByteBuffer(capacity: 0)
        var rejected: [Rejection] = []
        mapper.map(record: ArraySlice(Array(Self.big(5000).utf8)), appendingTo: events) { rejected.append($0) }
        #expect(rejected.count == 1)
        #expect(String(decoding: rejected.first?.text ?? [], as: UTF8.self) == Self.big(5000))
    }
}
