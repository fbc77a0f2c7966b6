import ArgumentParser
import Foundation
import Sandbox

/// `cfaccess-sandbox`: the fake Cloudflare API for the demo and the tests.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cfaccess-sandbox",
        abstract: "Serve a fake of the Cloudflare API endpoints cfaccess uses, on 127.0.0.1.",
        discussion: """
            Prints 'listening on http://127.0.0.1:PORT/client/v4' once ready. By default the records \
            cover the last 24 hours up to now, and as many again arrive over the next 24 hours, each \
            once its time has come; --epoch pins a fixed dataset instead. Demo tokens: \
            \(SandboxToken.allCases.map { "\($0): \($0.rawValue)" }.joined(separator: "; ")). \
            Account: \(SandboxToken.account).
            """
    )

    @Option(help: "Port (0 picks a free one).") var port: UInt16 = 0
    @Option(help: "Records in the dataset (per 24 hours when relative to now).") var records = 1000
    @Option(help: ArgumentHelp("Pin the dataset to start at this RFC 3339 time, about a second between records.", valueName: "time"))
    var epoch: String?
    @Option(help: "Seed of the dataset.") var seed: UInt64 = 1
    @Option(help: "Now and then, this many records share one timestamp.") var tieBurst = 0
    @Option(help: "Requests allowed per window before 429s.") var rateLimit: Int?
    @Option(help: "Rate-limit window in seconds.") var rateWindow: Double = 1
    @Option(help: "Every Kth request fails (500, HTML 502, 503 in turn).") var failEvery: Int?
    @Option(help: "Every Kth request returns 200 with cut JSON.") var truncateEvery: Int?
    @Option(help: "Every Kth request has its connection cut mid-body.") var resetEvery: Int?
    @Option(help: "Delay every answer by this many milliseconds.") var slowMs = 0
    @Option(help: "Silently serve at most this many records per page.") var maxPageSize = 1000
    @Option(help: "Records that appear only after a few requests, stamped in the past.") var lateArrivals = 0
    @Flag(help: "Serve records that share a timestamp in a different order each time.") var shuffleTies = false
    @Flag(help: "Ignore the filter parameters (email, emailOp, allowedOp, ...), as an API that does not know them.") var ignoreFilters = false
    @Option(help: "Every Kth log request answers 200 with an envelope padded with whitespace to --oversize-bytes.") var oversizeEvery: Int?
    @Option(help: "Size of those padded answers.") var oversizeBytes = 1 << 30
    @Option(help: "Every Kth record has no user identity, so it cannot be normalized.") var unmappableEvery: Int?
    @Option(help: "Every Kth record has no ray_id.") var withoutRayEvery: Int?
    @Option(help: ArgumentHelp("Write the dataset as NDJSON here and exit.", valueName: "path")) var dump: String?

    func run() async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let day: Int64 = 86_400_000
        guard epoch.map({ SandboxDataset.parse($0) != nil }) ?? true else { throw ValidationError("--epoch takes an RFC 3339 time") }
        let dataset = SandboxDataset(
            count: epoch == nil ? 2 * records : records, seed: seed, start: epoch.flatMap(SandboxDataset.parse) ?? now - day,
            averageStep: epoch == nil ? max(1, day / Int64(max(records, 1))) : 1000, tieBurst: tieBurst,
            unmappableEvery: unmappableEvery, withoutRayEvery: withoutRayEvery)
        if let dump {
            let text = dataset.records.filter { epoch != nil || $0.milliseconds <= now }.map { $0.json + "\n" }.joined()
            try Data(text.utf8).write(to: URL(fileURLWithPath: dump))
            return
        }
        var faults = SandboxFaults()
        faults.rateLimit = rateLimit
        faults.rateWindow = rateWindow
        faults.failEvery = failEvery
        faults.truncateEvery = truncateEvery
        faults.resetEvery = resetEvery
        faults.slowMilliseconds = slowMs
        faults.maxPageSize = maxPageSize
        faults.lateArrivals = lateArrivals
        faults.shuffleTies = shuffleTies
        faults.ignoreFilters = ignoreFilters
        faults.oversizeEvery = oversizeEvery
        faults.oversizeBytes = oversizeBytes
        let server = SandboxServer(dataset: dataset, faults: faults, hidesFuture: epoch == nil)
        try await server.run(port: port) { bound in
            FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(bound)/client/v4\n".utf8))
        }
    }
}
