import Foundation
import Normalizer
import TestSupport
import Testing
@testable import Mapping

/// `map` cut into blocks and mapped on worker threads gives exactly what one mapper reading the
/// whole input gives: the same events in the same order, the same rejects, the same FILE:LINE.
@Suite struct MapJobTests {
    /// What a run produced.
    struct Mapped: Equatable {
        var events: [UInt8]
        var rejects: [UInt8]
        var diagnostics: [String]
    }

    static let goldens = Scratch.projectRoot.appendingPathComponent("Tests/NormalizerTests/Goldens")

    /// One mapper fed the whole input at once: the reading `map` always gave.
    static func reference(_ input: [UInt8], name: String, options: MapOptions) -> Mapped {
        let mapper = OCSFMapper(options: options)
        input.withUnsafeBytes { mapper.feed($0) }
        mapper.finish()
        var rejects: [UInt8] = []
        var diagnostics: [String] = []
        for rejection in mapper.rejections {
            rejects += rejection.text + [0x0A]
            diagnostics.append("\(name):\(rejection.line): \(rejection.reason)\n")
        }
        return Mapped(events: Array(mapper.output.bytes), rejects: rejects, diagnostics: diagnostics)
    }

    /// `MapJob` over the file at `path`, with `jobs` threads and blocks of `blockSize` bytes.
    static func mapped(_ path: String, options: MapOptions, jobs: Int, blockSize: Int) throws -> Mapped {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events").path
        let rejects = directory.appendingPathComponent("rejects").path
        var diagnostics: [String] = []
        do {
            let job = try MapJob(inputPaths: [path], outputPath: events, rejectsPath: rejects, options: options,
                                 jobs: jobs, blockSize: blockSize)
            job.diagnostics = { diagnostics.append($0) }
            job.shownLimit = .max
            job.status = { _ in }
            try job.run()
        } catch where error.kind == .dataError {
            // Rejections make the status 65; what was written is what is compared.
        }
        return Mapped(events: Array(try Data(contentsOf: URL(fileURLWithPath: events))),
                      rejects: Array(try Data(contentsOf: URL(fileURLWithPath: rejects))), diagnostics: diagnostics)
    }

    /// The options a golden's `.args` file gives.
    static func options(forGolden name: String) -> MapOptions {
        let words = ((try? String(contentsOf: goldens.appendingPathComponent("\(name).args"), encoding: .utf8)) ?? "")
            .split(whereSeparator: \.isWhitespace).map(String.init)
        var options = MapOptions()
        for (index, word) in words.enumerated() where word.hasPrefix("--") {
            let value = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "--raw-data": options.includeRawData = true
            case "--profile": options.profiles.insert(Profile(rawValue: value)!)
            case "--account": options.accountID = value
            case "--from": options.shape = RecordShape(rawValue: value)
            default: Issue.record("unknown option \(word) in \(name).args")
            }
        }
        return options
    }

    static var goldenInputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: goldens.path)) ?? []).filter { $0.contains(".input.") }.sorted()
    }

    /// Every golden, cut everywhere from every byte to whole: the expected events, and the
    /// rejections one mapper gives, whether the cuts fall between records or inside them.
    @Test(arguments: goldenInputs)
    func goldensAreTheSameInBlocks(_ file: String) throws {
        let name = String(file[..<file.range(of: ".input.")!.lowerBound])
        let path = Self.goldens.appendingPathComponent(file).path
        let options = Self.options(forGolden: name)
        let input = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let expected = Self.reference(input, name: path, options: options)
        let golden = Array(try Data(contentsOf: Self.goldens.appendingPathComponent("\(name).expected.ndjson")))
        #expect(expected.events == golden)
        for jobs in [1, 2, 3] {
            for blockSize in [1, 2, 3, 7, 64, 1000, MapJob.defaultBlockSize] {
                let result = try Self.mapped(path, options: options, jobs: jobs, blockSize: blockSize)
                #expect(result == expected, "\(name) with --jobs \(jobs) in blocks of \(blockSize) bytes")
            }
        }
    }

    /// A long, mixed input: NDJSON with CRLF and blank lines, records of both shapes, broken
    /// lines, values that are not objects, a pretty-printed record, an array over several lines
    /// and envelopes, at random places, in blocks of random sizes.
    @Test func aMixedInputIsTheSameInBlocksOfAnySize() throws {
        var random = SeededRandom()
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = SampleRecords.mixedInput(lines: 4000, using: &random)
        let path = directory.appendingPathComponent("mixed.ndjson").path
        try Data(input).write(to: URL(fileURLWithPath: path))
        let expected = Self.reference(input, name: path, options: MapOptions())
        #expect(expected.diagnostics.count > 100)
        for jobs in [2, 3] {
            for _ in 0..<4 {
                let blockSize = Int.random(in: 16...20_000, using: &random)
                let result = try Self.mapped(path, options: MapOptions(), jobs: jobs, blockSize: blockSize)
                #expect(result.events == expected.events, "--jobs \(jobs), blocks of \(blockSize) bytes, \(random.replay)")
                #expect(result.rejects == expected.rejects, "--jobs \(jobs), blocks of \(blockSize) bytes, \(random.replay)")
                #expect(result.diagnostics == expected.diagnostics, "--jobs \(jobs), blocks of \(blockSize) bytes, \(random.replay)")
            }
        }
    }

    /// `--strict` stops where one mapper stops, even with later blocks already mapped.
    @Test func strictStopsAtTheSameRecord() throws {
        var random = SeededRandom()
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines: [String] = (0..<3000).map { SampleRecords.apiRecord($0) }
        let bad = Int.random(in: 1000..<3000, using: &random)
        lines[bad] = #"{"action":"login"}"#
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        let path = directory.appendingPathComponent("strict.ndjson").path
        try Data(input).write(to: URL(fileURLWithPath: path))
        var options = MapOptions()
        options.stopAtFirstRejection = true
        let expected = Self.reference(input, name: path, options: options)
        #expect(expected.diagnostics == ["\(path):\(bad + 1): no user identity\n"])
        let result = try Self.mapped(path, options: options, jobs: 2, blockSize: 4096)
        #expect(result == expected, "\(random.replay)")
    }
}
