import ArgumentParser
import Feeds
import Shell
import Voice

struct FeedList: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per feed with its health.")
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.feeds
        let summaries = store.names().map { FeedSummary(name: $0, store: store) }
        if json {
            Console.writeOutput(try JSONText.encode(summaries) + "\n")
        } else if summaries.isEmpty {
            Console.status("feed", "no feeds yet; create one with 'cfaccess feed create'")
        } else {
            let rows = [["NAME", "HEALTH", "LAST RUN", "DELIVERED", "LAG", "LAST ERROR"]]
                + summaries.map { [$0.name, $0.health, $0.lastRun?.started ?? "never", String($0.delivered), $0.lag ?? "-", $0.lastError ?? "-"] }
            Console.writeOutput(Table.render(rows))
        }
        return .status(0)
    }
}
