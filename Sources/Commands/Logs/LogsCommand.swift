import ArgumentParser
import Client
import Feeds
import Inputs
import Normalizer
import Shell
#if canImport(Glibc)
import Glibc
#endif

/// `cfaccess logs …`.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Pull Access authentication logs from Cloudflare.", subcommands: [LogsFetch.self])
}
