import ArgumentParser
import Feeds
import Inputs
import Shell
import Voice

/// `feed status`: one line per feed for people and monitors; exit 0 only when every listed feed
/// is ok, 1 otherwise (as `systemctl is-failed` does).
struct FeedStatus: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Each feed's health; exit 0 when all are ok, 1 otherwise.",
        discussion: """
            ok: the last run succeeded recently. failing: the last run ended with an error. lagging: the last \
            success is older than 3 polling intervals (and at least 5 minutes). never run: no run has ended yet. \
            DELIVERED counts the events in the feed's file, or in its bucket; '+N spooled' are collected and not yet uploaded. \
            A shared feed also shows who holds its lease (host/pid, since and until by the store's clock) \
            and whether this host is collecting or standing by, as its last run saw them.
            """
    )
    @Argument(help: ArgumentHelp("The feeds to show (default: all).", valueName: "feed"), completion: CompletionValues.feeds) var names: [String] = []
    @Flag(help: "Machine-readable output.") var json = false
    @Flag(help: "A token expiring within 14 days fails the status too.") var strict = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.feeds
        let listed = names.isEmpty ? store.names() : try names.map { text throws(CommandFailure) in try session.feed(text).0.text }
        let summaries = listed.map { FeedSummary(name: $0, store: store) }
        if json {
            Console.writeOutput(try JSONText.encode(summaries) + "\n")
        } else if summaries.isEmpty {
            Console.status("feed", "no feeds yet; create one with 'cfaccess feed create'")
        } else {
            let rows = [["NAME", "HEALTH", "LAST SUCCESS", "LAG", "DELIVERED", "REJECTED", "TOKEN", "UPLOADS WAITING", "LAST ERROR"]]
                + summaries.map { [$0.name, $0.health, $0.lastSuccess ?? "never", $0.lag ?? "-", Self.delivered($0), String($0.rejected),
                                   $0.tokenExpires ?? "-", Self.uploads($0), $0.uploadError ?? $0.lastError ?? "-"] }
            Console.writeOutput(Table.render(rows))
            for summary in summaries {
                guard let lease = summary.lease else { continue }
                if lease.expired {
                    let asOf = summary.lastRun?.ended ?? summary.lastSuccess ?? "?"
                    Console.writeOutput("\(summary.name): shared; as of \(asOf), \(lease.holder ?? "no host") held the lease until \(lease.until ?? "?")"
                        + " (lease expired, no run holds it here)\n")
                    continue
                }
                let holder = lease.holder.map { "lease held by \($0) since \(lease.since ?? "?") until \(lease.until ?? "?")" } ?? "lease free"
                Console.writeOutput("\(summary.name): shared; \(holder); this host is \(lease.role)\n")
            }
        }
        let passing = strict ? [FeedHealth.ok.rawValue] : [FeedHealth.ok.rawValue, FeedHealth.expiring.rawValue]
        return .status(summaries.allSatisfy { passing.contains($0.health) } ? 0 : 1)
    }

    /// `1500`, or for an object-storage feed with events still in its spool `1200 (+300 spooled)`.
    static func delivered(_ summary: FeedSummary) -> String {
        guard let spooled = summary.spooled, spooled > 0 else { return String(summary.delivered) }
        return "\(summary.delivered) (+\(spooled) spooled)"
    }

    /// `2 (218 KiB, oldest from 2025-07-01T00:00:00.520Z)`; `-` for a local feed.
    static func uploads(_ summary: FeedSummary) -> String {
        guard let count = summary.pendingObjects else { return "-" }
        guard count > 0 else { return "0" }
        return "\(count) (\((summary.pendingBytes ?? 0) >> 10) KiB\(summary.oldestPending.map { ", oldest from \($0)" } ?? ""))"
    }
}
