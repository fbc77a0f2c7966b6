import ArgumentParser
import Feeds
import Inputs
import Shell
import Voice

struct FeedShow: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A feed's definition and health (never the token).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed"), completion: CompletionValues.feeds) var name: String
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (_, definition) = try session.feed(name)
        let summary = FeedSummary(name: name, store: session.feeds)
        if let problem = summary.problem { Console.warning(problem) }
        if json {
            Console.writeOutput(try JSONText.encode(summary) + "\n")
            return .status(0)
        }
        var lines = [
            "name:        \(name)", "account:     \(definition.account)", "token:       \(definition.token) (in the vault)",
            "events:      \(definition.events.joined(separator: ","))", "output:      \(definition.output) (\(definition.format))",
            "rejects:     \(definition.rejects)", "start:       \(definition.start)", "lookback:    \(DurationInput.format(Int64(definition.lookback * 1000)))",
        ]
        if let interval = definition.interval { lines.append("interval:    \(DurationInput.format(Int64(interval * 1000)))") }
        let rotation = [definition.rotateSize.map { "past \($0 >> 20) MiB" }, definition.rotateInterval.map { "every \(DurationInput.format(Int64($0 * 1000)))" }]
            .compactMap { $0 }
        if !rotation.isEmpty { lines.append("rotation:    \(rotation.joined(separator: " or "))\(definition.compress == true ? ", gzipped" : "")") }
        if let filter = definition.filter { lines.append("filters:     \(filter)") }
        if definition.profiles != nil || definition.rawData == true {
            lines.append("events:      " + ((definition.profiles ?? []).map { "profile \($0)" } + (definition.rawData == true ? ["raw_data"] : [])).joined(separator: ", "))
        }
        if let base = definition.baseURL { lines.append("base url:    \(base)") }
        if let contact = definition.contactName ?? definition.contactEmail {
            lines.append("contact:     \(contact)\(definition.contactEmail.map { definition.contactName != nil ? " <\($0)>" : "" } ?? "")")
        }
        lines.append("health:      \(summary.health)")
        lines.append("delivered:   \(summary.delivered) in total, \(summary.rejected) rejected; checkpoint \(summary.cursor ?? "none"), lag \(summary.lag ?? "-")")
        if let run = summary.lastRun {
            lines.append("last run:    \(run.started) → \(run.ended ?? "?"): \(run.records) records, \(run.pages) pages, \(run.retries) retries, \(run.rejects) rejects")
        }
        if let pending = summary.pendingObjects {
            lines.append("uploads:     \(pending) waiting (\(summary.pendingBytes ?? 0) bytes\(summary.oldestPending.map { ", oldest from \($0)" } ?? ""))"
                         + (definition.storage.map { " for store '\($0)'" } ?? ""))
        }
        if let lease = summary.lease {
            let period = DurationInput.format(Int64((definition.lease ?? SharedFeed.defaultLease) * 1000))
            lines.append("shared:      lease \(period); " + (lease.holder.map { "held by \($0) until \(lease.until ?? "?")" } ?? "free") + "; this host is \(lease.role)")
        }
        if let error = summary.uploadError { lines.append("store error: \(error)") }
        if let error = summary.lastError { lines.append("last error:  \(error)") }
        Console.writeOutput(lines.joined(separator: "\n") + "\n")
        return .status(0)
    }
}
