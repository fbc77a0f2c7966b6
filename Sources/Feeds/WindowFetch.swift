import Client
import Voice

/// A one-off walk of a window (`logs fetch`, `logs summary`): each new record handed over as its
/// page arrives, the live progress line kept up (records, requests, rate, how far into the
/// window), and a refusal from Cloudflare explained (an expired or disabled token).
package struct WindowFetch {
    package let source: AccessLogSource
    package let window: FetchWalk.Window
    package let progress: ProgressLine
    /// How the progress line names the work: `logs`, `summary`.
    package let verb: String
    package let isCancelled: () -> Bool

    package init(source: AccessLogSource, window: FetchWalk.Window, progress: ProgressLine, verb: String, isCancelled: @escaping () -> Bool) {
        self.source = source
        self.window = window
        self.progress = progress
        self.verb = verb
        self.isCancelled = isCancelled
    }

    /// Walks the window, handing `take` each new record's bytes; the progress line is erased
    /// however it ends.
    package func run(_ take: (ArraySlice<UInt8>) throws -> Void) throws -> FetchWalk.Stats {
        defer { progress.clear() }
        let started = ProgressLine.now()
        var records = 0
        do {
            return try FetchWalk(source: source, window: window, isCancelled: isCancelled).run { page, record in
                try take(page.bytes(of: record))
                records += 1
                progress.update {
                    let rate = Double(records) / max(ProgressLine.now() - started, 0.001)
                    return "cfaccess: \(verb): \(records.counted("record")), \(source.requests.counted("request")), "
                        + "\(Int(rate)) records/s, at \(record.createdAt) of \(window.until ?? "now")"
                }
            }
        } catch let error as ClientError {
            throw source.explain(error, account: window.account)
        }
    }
}
