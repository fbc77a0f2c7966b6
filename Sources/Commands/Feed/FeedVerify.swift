import ArgumentParser
import Feeds
import Inputs
import Secrets
import Shell
import Storage
import Voice

/// `feed verify NAME`: every object the feed delivered, read back from its bucket and hashed.
struct FeedVerify: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every object a feed delivered is in its bucket, unchanged (exit 1 naming any missing or altered).",
        discussion: """
            Reads each object back and hashes it (a store may not check the hash it is sent). \
            Objects still waiting in the spool are counted, not checked. For a shared feed, the objects \
            are those its commit log in the bucket names, whichever host delivered them.
            """
    )
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed"), completion: CompletionValues.feeds) var name: String
    @Flag(help: "Machine-readable output.") var json = false

    struct Row: Encodable {
        var key: String
        var records: Int
        var first: String
        var last: String
        var sha256: String?
        var result: String
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, definition) = try session.feed(name)
        var client: S3Client?
        if let storage = definition.storage, ObjectLayout(output: definition.output) != nil {
            client = try session.vault.storageClient(storage, key: try unlockedVault(session), userAgent: "cfaccess/\(Cfaccess.version)", caFile: nil).0
            client?.isCancelled = { Interrupt.isRequested }
        }
        let findings: [ObjectVerification]
        do throws(FeedRunError) { findings = try session.feeds.verify(definition, name: feedName, client: client) } catch {
            throw CommandFailure(error.status, error.message, hint: error.hint)
        }
        let rows = findings.map { Row(key: $0.object.key, records: $0.object.records, first: $0.object.first, last: $0.object.last,
                                      sha256: $0.object.sha256, result: $0.finding.rawValue) }
        if json {
            Console.writeOutput(try JSONText.encode(rows) + "\n")
        } else if !rows.isEmpty {
            Console.writeOutput(Table.render([["KEY", "RECORDS", "FIRST", "LAST", "RESULT"]] + rows.map { [$0.key, String($0.records), $0.first, $0.last, $0.result] }))
        }
        let pending = (try? session.feeds.state(feedName))?.pendingObjects.count ?? 0
        let bad = findings.filter { $0.finding != .ok }
        let noun = client == nil ? "rotated file" : "object"
        Console.status("feed", "\(findings.count.counted(noun)) delivered, \(findings.count - bad.count) there and unchanged"
                       + (bad.isEmpty ? "" : ", \(bad.count) missing or altered") + (pending > 0 ? "; \(pending.counted("object")) waiting in the spool" : ""))
        guard bad.isEmpty else {
            // As `feed status`: 1 when something is not as it should be.
            Console.error(bad.map { "'\($0.object.key)' is \($0.finding.rawValue)" }.joined(separator: "; "),
                          hint: "the records of a missing object can be fetched again with 'cfaccess logs fetch --feed \(feedName) --since FIRST --until LAST'")
            return .status(1)
        }
        return .status(0)
    }
}
