import Client
import Inputs
@testable import Feeds

/// An in-memory stand-in for Cloudflare: records ascending by time, served in pages the way the
/// API serves them (`since` inclusive, `page`, a page-size clamp), with faults on request.
final class FakeSource: AccessLogSource {
    var records: [(time: String, json: String)]
    var maxPageSize = 1000
    /// Requests (1-based) that fail with this error instead of answering.
    var failures: [Int: ClientError] = [:]
    /// Called before each request is answered: what a kill at that moment would leave on disk.
    var beforeAnswer: () -> Void = {}
    private(set) var requests = 0
    /// The query of every request, in order.
    private(set) var queries: [[(String, String)]] = []
    private(set) var retries = 0
    private(set) var responses: [String: Int] = [:]

    static let account = try! AccountID("023e105f4ecef8ad9ca31a8372d0c353")

    /// `count` records, `perInstant` at each millisecond instant, from 2025-07-01.
    init(count: Int, perInstant: Int = 1) {
        records = (0..<count).map { index in
            let time = TimeInput(milliseconds: 1_751_328_000_000 + Int64(index / perInstant) * 1000).rfc3339
            return (time, #"{"action":"login","allowed":true,"created_at":"\#(time)","ray_id":"\#(String(index, radix: 16))","user_email":"u\#(index)@example.com"}"#)
        }
    }

    func accessPage(account: AccountID, query: [(String, String)]) throws(ClientError) -> AccessPage {
        requests += 1
        queries.append(query)
        beforeAnswer()
        if let failure = failures[requests] {
            responses["error", default: 0] += 1
            throw failure
        }
        responses["200", default: 0] += 1
        let values = Dictionary(query, uniquingKeysWith: { $1 })
        let since = values["since"].flatMap(Instant.init)
        let limit = min(Int(values["limit"] ?? "") ?? 25, maxPageSize)
        let page = Int(values["page"] ?? "") ?? 1
        let matching = records.filter { record in since.map { Instant(record.time)! >= $0 } ?? true }
        let slice = matching.dropFirst((page - 1) * limit).prefix(limit)
        return try AccessPage(body: Array(#"{"success":true,"result":["#.utf8) + Array(slice.map(\.json).joined(separator: ",").utf8) + Array("]}".utf8))
    }
}
