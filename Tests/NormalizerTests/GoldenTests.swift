import Foundation
import Testing
@testable import Normalizer

/// Input → expected OCSF for every case in `Goldens/`. Re-record with
/// `CFACCESS_RECORD_GOLDENS=1 swift test --filter GoldenTests` and review the diff.
@Suite struct GoldenTests {
    @Test func goldensExist() {
        #expect(GoldenCase.all.count >= 20)
    }

    @Test(arguments: GoldenCase.all)
    func producesExpectedOutput(_ golden: GoldenCase) throws {
        let input = try [UInt8](Data(contentsOf: golden.input))
        let result = MapResult.map(input, options: golden.options)
        let events = String(decoding: result.events, as: UTF8.self)
        let rejections = result.rejectionLines

        if ProcessInfo.processInfo.environment[GoldenCase.recordVariable] != nil {
            try events.write(to: golden.expectedEvents, atomically: true, encoding: .utf8)
            if rejections.isEmpty {
                try? FileManager.default.removeItem(at: golden.expectedRejections)
            } else {
                try rejections.write(to: golden.expectedRejections, atomically: true, encoding: .utf8)
            }
            Issue.record("re-recorded \(golden.name); run the tests again without \(GoldenCase.recordVariable)")
            return
        }

        let expectedEvents = try String(contentsOf: golden.expectedEvents, encoding: .utf8)
        let expectedRejections = (try? String(contentsOf: golden.expectedRejections, encoding: .utf8)) ?? ""
        #expect(events == expectedEvents, "events differ from \(golden.expectedEvents.lastPathComponent)")
        #expect(rejections == expectedRejections, "rejections differ from \(golden.expectedRejections.lastPathComponent)")
        #expect(result.counts.read == result.counts.written + result.counts.rejected)
        #expect(result.counts.rejected == result.rejections.count)
    }

    /// Where the input is cut into chunks must not change a single byte of the output.
    @Test(arguments: GoldenCase.all)
    func chunkingDoesNotChangeOutput(_ golden: GoldenCase) throws {
        let input = try [UInt8](Data(contentsOf: golden.input))
        let whole = MapResult.map(input, options: golden.options)
        for size in [1, 2, 7, 64] {
            #expect(MapResult.map(input, options: golden.options, chunkSize: size) == whole, "chunk size \(size)")
        }
    }

    /// The same input always gives byte-identical output.
    @Test(arguments: GoldenCase.all)
    func outputIsDeterministic(_ golden: GoldenCase) throws {
        let input = try [UInt8](Data(contentsOf: golden.input))
        #expect(MapResult.map(input, options: golden.options) == MapResult.map(input, options: golden.options))
    }
}
