import ArgumentParser
import Mapping
import Normalizer
import Shell
import Voice

extension RecordShape: ExpressibleByArgument {}
extension Profile: ExpressibleByArgument {}

/// `cfaccess map`: normalize saved Cloudflare Access records to OCSF (DESIGN.md §9).
struct MapCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Normalize Cloudflare Access records to OCSF Authentication events.",
        discussion: """
            Reads NDJSON records, JSON arrays of records, API response envelopes or Logpush \
            output (gzip-compressed or not) and writes one OCSF 1.8.0 event per line. Records \
            that cannot be normalized are reported as FILE:LINE: reason and kept verbatim with \
            --rejects; any of them makes the exit status 65.

            Examples:
              cfaccess map access_requests.ndjson > events.ndjson
              cfaccess map --from logpush --account ACCOUNT_ID logs/*.gz
              cfaccess map page.json --profile datetime --rejects rejected.ndjson
            """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case auto, api, logpush
    }

    @Argument(help: ArgumentHelp("Input files; none or '-' reads stdin.", valueName: "input"),
              completion: .file())
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write events here instead of stdout.", valueName: "path"),
            completion: .file())
    var output: String?

    @Option(help: "Input shape: detect per record, or force the API or Logpush spelling.")
    var from: Source = .auto

    @Option(help: ArgumentHelp("Cloudflare account id, recorded as metadata.tenant_uid.", valueName: "id"))
    var account: String?

    @OptionGroup var events: EventOptions

    @Option(name: .customLong("ocsf-version"), help: ArgumentHelp("OCSF version to write.", valueName: "version"))
    var ocsfVersion = MapOptions.supportedOCSFVersions[0]

    @Option(help: ArgumentHelp("Keep rejected records here, verbatim, one per line.", valueName: "path"),
            completion: .file())
    var rejects: String?

    @Flag(help: "Stop at the first rejected record.")
    var strict = false

    @Option(help: ArgumentHelp("Map on this many threads (default: one per CPU this process may use).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and 256")
        }
        guard MapOptions.supportedOCSFVersions.contains(ocsfVersion) else {
            throw ValidationError("unsupported OCSF version '\(ocsfVersion)' (supported: \(MapOptions.supportedOCSFVersions.joined(separator: ", ")))")
        }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let options = MapOptions(
            shape: from == .auto ? nil : (from == .api ? .api : .logpush),
            accountID: account, profiles: Set(events.profiles), includeRawData: events.rawData ?? false,
            ocsfVersion: ocsfVersion, stopAtFirstRejection: strict)
        try session.refuseFeedFile(output, role: "events")
        try session.refuseFeedFile(rejects, role: "rejects")
        let job = try mappingCall { () throws(MapFailure) in
            try MapJob(inputPaths: inputs.isEmpty ? ["-"] : inputs, outputPath: output, rejectsPath: rejects, options: options,
                       jobs: jobs ?? MapWorkers.availableCPUs, isInterrupted: { Interrupt.isRequested })
        }
        try job.runSpeaking("map", quiet: session.globals.quiet)
        return .status(0)
    }
}
