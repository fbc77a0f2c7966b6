import ArgumentParser

/// `cfaccess logs …`.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Pull Access authentication logs from Cloudflare.", subcommands: [LogsFetch.self, LogsSummary.self])
}
