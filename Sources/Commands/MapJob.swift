import Normalizer
import Shell

/// Runs `map` over opened inputs: reads chunks, feeds the mapper, writes events and
/// rejections as they come, reports, and decides the exit status.
final class MapJob {
    /// How many rejections are shown in full before the rest are only counted.
    static let shownRejections = 20

    private let inputs: [InputFile]
    private let output: OutputFile
    private let rejects: OutputFile?
    private let options: MapOptions
    private var shown = 0
    private var totals = (read: 0, written: 0, rejected: 0)
    private var failure: CommandFailure?
    /// Shown on a terminal while large inputs are mapped.
    var progress: ProgressLine?

    /// Opens every input before creating any output, so a typo in the last path costs nothing.
    init(inputPaths: [String], outputPath: String?, rejectsPath: String?, options: MapOptions) throws(CommandFailure) {
        var inputs: [InputFile] = []
        for path in inputPaths { inputs.append(try InputFile(path: path)) }
        for (path, role) in [(outputPath, "output"), (rejectsPath, "rejects")] {
            if let target = OutputFile.existingIdentity(of: path), inputs.contains(where: { $0.identity == target }) {
                throw CommandFailure(.usage, "\(role) '\(path ?? "")' is also an input",
                                     hint: "write the \(role) to another file")
            }
        }
        self.inputs = inputs
        output = try OutputFile(path: outputPath)
        rejects = try rejectsPath.map { path throws(CommandFailure) in try OutputFile(path: path) }
        self.options = options
    }

    func run() throws(CommandFailure) {
        let chunkSize = 256 * 1024
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var stopped = false
        var interrupted = false
        let started = ProgressLine.now()
        var bytes = 0
        for input in inputs where !stopped && !interrupted {
            let mapper = OCSFMapper(options: options)
            do {
                while true {
                    let count = try input.read(into: chunk)
                    if count == 0 { break }
                    mapper.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                    try drain(mapper, input: input)
                    bytes += count
                    // Checked once per chunk, so small inputs never draw it.
                    if ProgressLine.now() - started > 1 {
                        progress?.update {
                            let records = totals.read + mapper.recordsRead
                            let rate = Double(records) / max(ProgressLine.now() - started, 0.001)
                            return "cfaccess: map: \(bytes >> 20) MiB read, \(records.counted("record")), \(Int(rate)) records/s, in \(input.name)"
                        }
                    }
                    if mapper.stopped { break }
                    if Interrupt.isRequested { interrupted = true; break }
                }
            } catch where error.status == .interrupted {
                interrupted = true
            } catch where error.status == .dataError {
                // A damaged gzip stream: keep what decompressed cleanly, report, go on with the next file.
                failure = failure ?? error
                Console.error(error.message)
            }
            mapper.finish()
            progress?.clear()
            try drain(mapper, input: input)
            totals.read += mapper.recordsRead
            totals.written += mapper.eventsWritten
            totals.rejected += mapper.recordsRejected
            stopped = mapper.stopped
        }
        report()
        if interrupted {
            Interrupt.clear()
            throw CommandFailure(.interrupted, "interrupted; the events written so far are complete lines")
        }
        if totals.rejected > 0 {
            throw CommandFailure(.dataError, "\(totals.rejected.counted("record")) rejected",
                                 hint: rejects.map { "rejected records are in '\($0.name)'" }
                                     ?? "keep rejected records with --rejects PATH")
        }
        if failure != nil { throw CommandFailure.alreadyReported(.dataError) }
    }

    private func drain(_ mapper: OCSFMapper, input: InputFile) throws(CommandFailure) {
        if !mapper.output.isEmpty {
            try output.write(mapper.output.bytes)
            mapper.output.removeAll()
        }
        guard !mapper.rejections.isEmpty else { return }
        for rejection in mapper.rejections {
            if shown < MapJob.shownRejections {
                progress?.clear()
                Console.writeError("\(input.name):\(rejection.line): \(rejection.reason)\n")
            }
            shown += 1
            if let rejects {
                var line = rejection.text
                line.append(0x0A)
                try line.withUnsafeBufferPointer { bytes throws(CommandFailure) in try rejects.write(bytes) }
            }
        }
        mapper.rejections.removeAll(keepingCapacity: true)
    }

    private func report() {
        if shown > MapJob.shownRejections {
            Console.status("map", "\(shown - MapJob.shownRejections) more rejected records not shown")
        }
        Console.status("map", "\(totals.read.counted("record")) read, \(totals.written.counted("event")) written, \(totals.rejected) rejected")
    }
}
