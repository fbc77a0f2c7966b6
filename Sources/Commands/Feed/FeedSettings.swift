import ArgumentParser
import Feeds
import Files
import Inputs
import Voice

/// What a feed writes: events or the records as fetched (a table is for people, not for files).
enum FeedFormat: String, ExpressibleByArgument, CaseIterable { case ocsf, raw }

/// The settings `feed create` and `feed update` share; each is parsed where it is given.
struct FeedSettings: ParsableArguments {
    @Option(help: ArgumentHelp("Event types to collect.", valueName: "types")) var events: String?
    @Option(help: ArgumentHelp("Where events are appended (default: the data directory's output/NAME.ndjson), or s3://BUCKET/PREFIX with --storage.", valueName: "path"),
            completion: .file()) var output: String?
    @Option(help: ArgumentHelp("The object store an s3:// output goes to (see 'cfaccess storage').", valueName: "storage"))
    var storage: String?
    @Option(name: .customLong("spool-max"), help: ArgumentHelp("With an s3:// output: the most sealed objects the local spool holds before the feed stops fetching (default 1G).", valueName: "size"))
    var spoolMax: String?
    @Flag(help: "With an s3:// output: keep the checkpoint in the bucket, so that several hosts run the feed and one at a time collects.")
    var shared = false
    @Option(help: ArgumentHelp("A shared feed's lease: how long a host collects after its last renewal before another takes over (5s to 1h, default 2m).", valueName: "duration"))
    var lease: String?
    @Option(help: "Write OCSF events (default) or the raw records.") var format: FeedFormat?
    @Option(help: ArgumentHelp("Where records that cannot be normalized go (default: the output + .rejects).", valueName: "path"),
            completion: .file()) var rejects: String?
    @Option(help: ArgumentHelp("Re-read this far behind the checkpoint on every run (10m unless set; at most 7d).", valueName: "duration"))
    var lookback: String?
    @Option(help: ArgumentHelp("Time between polls under 'feed run --follow' (default: the run's --interval).", valueName: "duration"))
    var interval: String?
    @Option(name: .customLong("rotate-size"), help: ArgumentHelp("Start a new output file past this size, e.g. 256M ('off' to stop).", valueName: "size"))
    var rotateSize: String?
    @Option(name: .customLong("rotate-interval"), help: ArgumentHelp("Start a new output file this often, e.g. 1h or 1d ('off' to stop).", valueName: "duration"))
    var rotateInterval: String?
    @Flag(inversion: .prefixedNo, help: "Gzip rotated output files.") var compress: Bool?
    @Option(name: .customLong("contact-name"), help: "Who to ask about this feed.") var contactName: String?
    @Option(name: .customLong("contact-email"), help: "Their e-mail.") var contactEmail: String?
    @OptionGroup(title: "Filters (saved with the feed: it delivers, exactly once, the records they keep)") var filters: FilterOptions
    @OptionGroup var eventOptions: EventOptions

    func validate() throws {
        if let events {
            let unknown = events.split(separator: ",").map(String.init).filter { !FeedDefinition.eventTypes.contains($0) }
            guard unknown.isEmpty else {
                throw ValidationError("unknown event type '\(unknown[0])' (supported: \(FeedDefinition.eventTypes.joined(separator: ", ")))")
            }
        }
        if let contactEmail, !contactEmail.contains("@") { throw ValidationError("'\(contactEmail)' is not an e-mail address") }
        if format == .raw && (!eventOptions.profiles.isEmpty || eventOptions.rawData == true) {
            throw ValidationError("--profile and --raw-data shape OCSF events: a feed of raw records takes neither")
        }
        if let output, output.hasPrefix("s3://") {
            if let problem = ObjectLayout.problem(output) { throw ValidationError(problem) }
            if rejects != nil { throw ValidationError("an s3:// output keeps its rejects in the bucket, under PREFIX/NAME/rejects/: --rejects does not apply") }
        }
        if output == "-" || rejects == "-" {
            throw ValidationError("a feed writes to files, not to standard output: give --output PATH (for standard output, use 'cfaccess logs fetch')")
        }
    }

    /// Sets what was given on `definition`.
    func apply(to definition: inout FeedDefinition) throws(CommandFailure) {
        if let output, let layout = ObjectLayout(output: output) {
            definition.output = layout.text
            definition.rejects = layout.text + definition.name + "/rejects/"
        } else if let output {
            definition.output = absolutePath(output)
            if rejects == nil && definition.rejects.hasSuffix(".rejects") || definition.rejects.hasPrefix("s3://") { definition.rejects = definition.output + ".rejects" }
        }
        if let storage { definition.storage = storage }
        if shared { definition.shared = true }
        if let lease {
            definition.lease = try parsed { () throws(InvalidInput) in try DurationInput(lease, option: "--lease", within: 5000...3_600_000) }.seconds
        }
        if let spoolMax { definition.spoolMax = try parsed { () throws(InvalidInput) in try SizeInput(spoolMax, option: "--spool-max") }.bytes }
        if let rejects { definition.rejects = absolutePath(rejects) }
        if let format { definition.format = format.rawValue }
        if let lookback {
            definition.lookback = try parsed { () throws(InvalidInput) in
                try DurationInput(lookback, option: "--lookback", within: FeedDefinition.lookbackBounds)
            }.seconds
        }
        if let interval {
            definition.interval = try parsed { () throws(InvalidInput) in try DurationInput(interval, option: "--interval", within: 1000...86_400_000) }.seconds
        }
        if let rotateSize {
            definition.rotateSize = rotateSize == "off" ? nil : try parsed { () throws(InvalidInput) in try SizeInput(rotateSize, option: "--rotate-size") }.bytes
        }
        if let rotateInterval {
            definition.rotateInterval = rotateInterval == "off" ? nil
                : try parsed { () throws(InvalidInput) in try DurationInput(rotateInterval, option: "--rotate-interval", within: 60_000...31 * 86_400_000) }.seconds
        }
        if let compress { definition.compress = compress ? true : nil }
        if let contactName { definition.contactName = contactName }
        if let contactEmail { definition.contactEmail = contactEmail }
        if let filter = filters.filter { definition.filter = filter }
        if !eventOptions.profiles.isEmpty { definition.profiles = eventOptions.profiles.map(\.rawValue).sorted() }
        if let rawData = eventOptions.rawData { definition.rawData = rawData ? true : nil }
    }
}
