import Foundation
import Testing
@testable import Normalizer

/// One golden case: `NAME.input.*`, optional `NAME.args` (map options), and what it must produce:
/// `NAME.expected.ndjson` (events) and `NAME.rejections.ndjson` (one JSON object per rejection).
struct GoldenCase: CustomTestStringConvertible, Sendable {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    /// Set to re-record every expected file from the current output; such a run fails on purpose.
    static let recordVariable = "CFACCESS_RECORD_GOLDENS"

    let name: String
    let input: URL

    var testDescription: String { name }

    static var all: [GoldenCase] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.contains(".input.") }.sorted().map { file in
            GoldenCase(name: String(file[..<file.range(of: ".input.")!.lowerBound]), input: directory.appendingPathComponent(file))
        }
    }

    var expectedEvents: URL { GoldenCase.directory.appendingPathComponent("\(name).expected.ndjson") }
    var expectedRejections: URL { GoldenCase.directory.appendingPathComponent("\(name).rejections.ndjson") }

    /// The options in `NAME.args`, written as `map` command-line options.
    var options: MapOptions {
        let argsFile = GoldenCase.directory.appendingPathComponent("\(name).args")
        let words = ((try? String(contentsOf: argsFile, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        var options = MapOptions()
        var index = 0
        while index < words.count {
            switch words[index] {
            case "--raw-data": options.includeRawData = true
            case "--profile": index += 1; options.profiles.insert(Profile(rawValue: words[index])!)
            case "--account": index += 1; options.accountID = words[index]
            case "--from": index += 1; options.shape = RecordShape(rawValue: words[index])
            default: fatalError("unknown option \(words[index]) in \(argsFile.path)")
            }
            index += 1
        }
        return options
    }
}

/// What mapping some input produced.
struct MapResult: Equatable {
    var events: [UInt8] = []
    var rejections: [Rejection] = []
    var counts = (read: 0, written: 0, rejected: 0)

    static func == (lhs: MapResult, rhs: MapResult) -> Bool {
        lhs.events == rhs.events && lhs.rejections == rhs.rejections && lhs.counts == rhs.counts
    }

    /// Maps `input` fed in pieces of `chunkSize` bytes (the whole input when nil).
    static func map(_ input: [UInt8], options: MapOptions, chunkSize: Int? = nil) -> MapResult {
        let mapper = OCSFMapper(options: options)
        var result = MapResult()
        func drain() {
            result.events.append(contentsOf: mapper.output.bytes)
            mapper.output.removeAll()
            result.rejections.append(contentsOf: mapper.rejections)
            mapper.rejections.removeAll()
        }
        input.withUnsafeBytes { bytes in
            let size = max(chunkSize ?? bytes.count, 1)
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                mapper.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                drain()
                start = end
            }
        }
        mapper.finish()
        drain()
        result.counts = (mapper.recordsRead, mapper.eventsWritten, mapper.recordsRejected)
        return result
    }

    /// Rejections as the golden file spells them.
    var rejectionLines: String {
        rejections.map { rejection in
            let object: [String: Any] = [
                "line": rejection.line, "reason": rejection.reason,
                "text": String(decoding: rejection.text, as: UTF8.self),
            ]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        }.joined()
    }
}
