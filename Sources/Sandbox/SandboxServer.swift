import FlyingFox
import Foundation

/// A fake of the three Cloudflare API endpoints cfaccess calls, on 127.0.0.1 (DESIGN.md §10).
public actor SandboxServer {
    let dataset: SandboxDataset
    let faults: SandboxFaults
    /// Records stamped later than now are not served until their time comes (a dataset relative
    /// to now grows as time passes, as the real log does); false for a pinned dataset.
    let hidesFuture: Bool
    private var requests = 0
    private var logRequests = 0
    private var oversizeCount = 0
    private var windowStart = Date()
    private var windowCount = 0
    /// Indices of records held back as late arrivals until enough log requests were made.
    private let late: Set<Int>

    public init(dataset: SandboxDataset, faults: SandboxFaults, hidesFuture: Bool = false) {
        self.dataset = dataset
        self.faults = faults
        self.hidesFuture = hidesFuture
        var late = Set<Int>()
        // Late arrivals are among the newest tenth of the records: stamped a few minutes in the
        // past, as logs that reach Cloudflare's store late are.
        if faults.lateArrivals > 0, dataset.records.count >= 10 {
            var generator = SplitMix64(seed: 99)
            let newest = dataset.records.count / 10
            while late.count < min(faults.lateArrivals, newest) {
                late.insert(dataset.records.count - 1 - Int(generator.next() % UInt64(newest)))
            }
        }
        self.late = late
    }

    /// Serves until cancelled; `ready` receives the port once listening.
    public func run(port: UInt16, ready: @Sendable @escaping (UInt16) -> Void) async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        await server.appendRoute("GET /client/v4/user/tokens/verify") { request in
            await self.answer(request) { token in await self.verify(token, accountPath: nil) }
        }
        await server.appendRoute("GET /client/v4/accounts/:account/tokens/verify") { request in
            await self.answer(request) { token in await self.verify(token, accountPath: request.routeParameters["account"]) }
        }
        await server.appendRoute("GET /client/v4/accounts/:account/access/logs/access_requests") { request in
            await self.answer(request) { token in await self.accessRequests(request, token: token) }
        }
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        if case .ip4(_, let boundPort) = await server.listeningAddress { ready(boundPort) }
        try await task.value
    }

    /// Applies faults and authentication around an endpoint.
    private func answer(_ request: HTTPRequest, _ endpoint: (SandboxToken) async -> HTTPResponse) async -> HTTPResponse {
        requests += 1
        if faults.slowMilliseconds > 0 { try? await Task.sleep(nanoseconds: UInt64(faults.slowMilliseconds) * 1_000_000) }
        if let limit = faults.rateLimit {
            if Date().timeIntervalSince(windowStart) >= faults.rateWindow {
                windowStart = Date()
                windowCount = 0
            }
            windowCount += 1
            // As Cloudflare does: the policy on every answer, the wait on a refusal.
            let policy = "\"default\";q=\(limit);w=\(Int(faults.rateWindow.rounded(.up)))"
            if windowCount > limit {
                let wait = max(1, Int((faults.rateWindow - Date().timeIntervalSince(windowStart)).rounded(.up)))
                return Self.error(429, code: 971, "Please wait and consider throttling your request speed",
                                  headers: ["Retry-After": String(wait), "Ratelimit-Policy": policy])
            }
            var answer = await answerAuthenticated(request, endpoint)
            answer.headers[HTTPHeader("Ratelimit-Policy")] = policy
            return answer
        }
        return await answerAuthenticated(request, endpoint)
    }

    /// Failures, authentication and the endpoint, once the rate limit let a request through.
    private func answerAuthenticated(_ request: HTTPRequest, _ endpoint: (SandboxToken) async -> HTTPResponse) async -> HTTPResponse {
        if let every = faults.failEvery, requests % every == 0 {
            switch (requests / every) % 3 {
            case 0: return Self.error(500, code: 10001, "Internal server error")
            case 1: return HTTPResponse(statusCode: .init(502, phrase: "Bad Gateway"), headers: [.contentType: "text/html"],
                                        body: Data("<html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>".utf8))
            default: return Self.error(503, code: 10002, "Service temporarily unavailable")
            }
        }
        guard let header = request.headers[.authorization] else {
            return Self.error(400, code: 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers")
        }
        guard header.hasPrefix("Bearer "), let token = SandboxToken(rawValue: String(header.dropFirst(7))) else {
            if header.hasPrefix("Bearer "), header.dropFirst(7).contains(where: { !$0.isASCII || $0.isWhitespace }) {
                return Self.error(400, code: 6003, "Invalid request headers")
            }
            return Self.error(401, code: 1000, "Invalid API Token")
        }
        var response = await endpoint(token)
        if let every = faults.oversizeEvery, response.statusCode.code == 200, request.path.hasSuffix("/access_requests") {
            oversizeCount += 1
            if oversizeCount % every == 0 {
                let body = PaddedBody(size: faults.oversizeBytes)
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                                    body: HTTPBodySequence(from: body, count: body.size, suggestedBufferSize: 1 << 20))
            }
        }
        if let every = faults.truncateEvery, requests % every == 0, response.statusCode.code == 200 {
            let body = (try? await response.bodyData) ?? Data()
            response = HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: body.prefix(body.count / 2))
        } else if let every = faults.resetEvery, requests % every == 0, response.statusCode.code == 200 {
            let body = [UInt8]((try? await response.bodyData) ?? Data())
            response = HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                                    body: HTTPBodySequence(from: CutBody(bytes: body), count: body.count))
        }
        return response
    }

    private func verify(_ token: SandboxToken, accountPath: String?) -> HTTPResponse {
        if let accountPath {
            guard token == .accountOwned, accountPath == SandboxToken.account else {
                return Self.error(401, code: 1000, "Invalid API Token")
            }
        } else if token == .accountOwned {
            return Self.error(401, code: 1000, "Invalid API Token")
        }
        var result: [String: Any] = ["id": token.id, "status": token.status]
        if let expires = token.expiresOn { result["expires_on"] = expires }
        return Self.envelope(result, messages: [["code": 10000, "message": "This API Token is valid and active"]])
    }

    private func accessRequests(_ request: HTTPRequest, token: SandboxToken) -> HTTPResponse {
        guard request.routeParameters["account"] == SandboxToken.account else {
            return Self.error(403, code: 9109, "Unauthorized to access requested resource")
        }
        guard token.status == "active" else { return Self.error(403, code: 10000, "Authentication error") }
        guard token.readsLogs else { return Self.error(403, code: 10000, "Authentication error") }
        logRequests += 1
        let since = request.query["since"].flatMap(SandboxDataset.parse) ?? Int64.min
        var until = request.query["until"].flatMap(SandboxDataset.parse) ?? Int64.max
        if hidesFuture { until = min(until, Int64(Date().timeIntervalSince1970 * 1000)) }
        let requested = Int(request.query["limit"] ?? request.query["per_page"] ?? "") ?? 25
        let pageSize = max(1, min(requested, faults.maxPageSize))
        let page = max(1, Int(request.query["page"] ?? "") ?? 1)
        let ascending = request.query["direction"] == "asc"
        let filter = faults.ignoreFilters ? nil : SandboxFilter { request.query[$0] }
        // `since` and `until` are both inclusive here: the stricter case for a client's de-duplication.
        let records = dataset.records
        var slice: [Int] = []
        var skip = (page - 1) * pageSize
        var index = ascending ? Self.firstIndex(in: records, since: since) : Self.firstIndex(in: records, after: until) - 1
        while index >= 0 && index < records.count && slice.count < pageSize {
            let time = records[index].milliseconds
            if time < since || time > until { break }
            if !isHidden(index), filter?.matches(records[index].json) ?? true {
                if skip > 0 { skip -= 1 } else { slice.append(index) }
            }
            index += ascending ? 1 : -1
        }
        if faults.shuffleTies { slice = shuffledWithinTies(slice) }
        var parts: [String] = []
        parts.reserveCapacity(slice.count)
        for position in slice { parts.append(records[position].json) }
        let body = #"{"success":true,"errors":[],"messages":[],"result":["# + parts.joined(separator: ",") + "]}"
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(body.utf8))
    }

    /// Reorders each run of equal timestamps, differently on every request.
    private func shuffledWithinTies(_ indices: [Int]) -> [Int] {
        var generator = SplitMix64(seed: UInt64(requests))
        var result: [Int] = []
        var start = 0
        while start < indices.count {
            var end = start + 1
            let time = dataset.records[indices[start]].milliseconds
            while end < indices.count, dataset.records[indices[end]].milliseconds == time { end += 1 }
            var run = Array(indices[start..<end])
            for position in stride(from: run.count - 1, to: 0, by: -1) {
                run.swapAt(position, Int(generator.next() % UInt64(position + 1)))
            }
            result += run
            start = end
        }
        return result
    }

    /// Late arrivals stay out of sight for the first few log requests.
    private func isHidden(_ index: Int) -> Bool {
        logRequests <= 3 && late.contains(index)
    }

    /// The first index at or after `since` (records ascend by time).
    static func firstIndex(in records: [SandboxDataset.Record], since: Int64) -> Int {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            if records[middle].milliseconds >= since { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The first index strictly after `until`.
    static func firstIndex(in records: [SandboxDataset.Record], after until: Int64) -> Int {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            if records[middle].milliseconds > until { high = middle } else { low = middle + 1 }
        }
        return low
    }

    static func envelope(_ result: Any, messages: [[String: Any]] = []) -> HTTPResponse {
        let object: [String: Any] = ["success": true, "errors": [], "messages": messages, "result": result]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: body)
    }

    static func error(_ status: Int, code: Int, _ message: String, headers: [String: String] = [:]) -> HTTPResponse {
        let object: [String: Any] = ["success": false, "errors": [["code": code, "message": message]], "messages": [], "result": NSNull()]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var fields: HTTPHeaders = [.contentType: "application/json"]
        for (name, value) in headers { fields[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: .init(status, phrase: "Error"), headers: fields, body: body)
    }
}
