import Files
import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// Runs `map` over opened inputs: cuts each into blocks, has them mapped (side by side on
/// worker threads when there are CPUs for it), writes events and rejections in input order,
/// reports its counts, and says how it ended (a `MapFailure` for rejections, damage or Ctrl-C).
///
/// A block ends after a line break and is mapped from a fresh start. That guess is checked in
/// input order: it holds when the mapper that read everything before the block stopped between
/// two values, as it does at every line break of NDJSON. When it does not (a pretty-printed
/// document or a long array open across the cut), the block's fresh result is dropped, the block
/// is fed to the mapper holding the unfinished value, and the rest of that input is mapped in
/// order on this thread. Either way events, rejections and their FILE:LINE are exactly those of
/// one mapper reading the whole input.
package final class MapJob {
    /// How many rejections are shown in full before the rest are only counted.
    package static let shownRejections = 20
    /// Bytes of input per block: large enough that handing blocks around costs nothing next to
    /// mapping them, small enough that the blocks in flight stay a few MiB.
    package static let defaultBlockSize = 256 * 1024

    private let inputs: [InputFile]
    private let output: OutputFile
    private let rejects: OutputFile?
    private let options: MapOptions
    private let workers: MapWorkers?
    private let blockSize: Int
    private var shown = 0
    private var totals = (read: 0, written: 0, rejected: 0)
    private var failure: MapFailure?
    private var stopped = false
    private var spareMappers: [OCSFMapper] = []
    private var spareBlocks: [ByteBuffer] = []
    private let rejectedLines = ByteBuffer(capacity: 0)
    /// Told what to show on a live status line while large inputs are mapped, and when to
    /// erase it (before diagnostics, and at the end of each input).
    package var progress: (() -> String) -> Void = { _ in }
    package var clearProgress: () -> Void = {}
    /// Where `FILE:LINE: reason` lines go, and how many are shown in full.
    package var diagnostics: (String) -> Void = { _ in }
    package var shownLimit = MapJob.shownRejections
    /// Where the closing counts go, and an input that fails midway (damaged gzip data) is said.
    package var status: (String) -> Void = { _ in }
    package var error: (String) -> Void = { _ in }
    /// Ctrl-C: what was mapped so far is written, then `.interrupted` is thrown.
    package var isInterrupted: () -> Bool = { false }
    /// When set, records are counted here instead of written (`logs summary`): each mapper
    /// counts into a summary of its own, merged in input order as events would be written.
    package var summary: Summary?
    /// How the progress line names the work.
    package var verb = "map"

    /// Where one input stands in the order it is written.
    private struct Position {
        /// The mapper that has read everything accepted so far (its state is the input's).
        var mapper: OCSFMapper
        /// The input line that is line 1 for `mapper`.
        var firstLine: Int
        /// Blocks still go to the workers.
        var speculating: Bool
    }

    /// Opens every input before creating any output, so a typo in the last path costs nothing.
    /// `jobs` above 1 maps on that many threads.
    package init(inputPaths: [String], outputPath: String?, rejectsPath: String?, options: MapOptions,
                jobs: Int = 1, blockSize: Int = MapJob.defaultBlockSize, isInterrupted: @escaping () -> Bool = { false }) throws(MapFailure) {
        var inputs: [InputFile] = []
        for path in inputPaths { inputs.append(try InputFile(path: path, isInterrupted: isInterrupted)) }
        self.isInterrupted = isInterrupted
        for (path, role) in [(outputPath, "output"), (rejectsPath, "rejects")] {
            if let target = OutputFile.existingIdentity(of: path), inputs.contains(where: { $0.identity == target }) {
                throw MapFailure(.usage, "\(role) '\(path ?? "")' is also an input",
                                     hint: "write the \(role) to another file")
            }
        }
        self.inputs = inputs
        output = try OutputFile(path: outputPath)
        rejects = try rejectsPath.map { path throws(MapFailure) in try OutputFile(path: path) }
        self.options = options
        self.blockSize = max(blockSize, 1)
        let workers = jobs > 1 ? MapWorkers(count: jobs) : nil
        self.workers = workers.flatMap { $0.count > 0 ? $0 : nil }
    }

    package func run() throws(MapFailure) {
        var interrupted = false
        let started = MapJob.now()
        var bytes = 0
        let carry = ByteBuffer(capacity: 0)
        for input in inputs where !stopped && !interrupted {
            var position = Position(mapper: takeMapper(), firstLine: 1, speculating: workers != nil)
            carry.removeAll()
            var ended = false
            while !ended && !stopped && !interrupted {
                let block = spareBlocks.popLast() ?? ByteBuffer(capacity: blockSize)
                do {
                    ended = try fill(block, from: input, carry: carry)
                } catch where error.kind == .interrupted {
                    interrupted = true
                } catch where error.kind == .dataError {
                    // A damaged gzip stream: keep what decompressed cleanly, report, go on with the next file.
                    failure = failure ?? error
                    self.error(error.message)
                    ended = true
                }
                bytes += block.count
                try map(block, at: &position, from: input)
                // Checked once per block, so small inputs never draw it.
                if MapJob.now() - started > 1 {
                    progress {
                        let rate = Double(totals.read) / max(MapJob.now() - started, 0.001)
                        return "cfaccess: \(verb): \(bytes >> 20) MiB read, \(MapJob.counted(totals.read, "record")), \(Int(rate)) records/s, in \(input.name)"
                    }
                }
                if isInterrupted() { interrupted = true }
            }
            try acceptAll(at: &position, from: input)
            position.mapper.finish()
            clearProgress()
            try emit(position, from: input)
            spareMappers.append(position.mapper)
        }
        try output.finish()
        try rejects?.finish()
        report()
        if interrupted {
            throw MapFailure(.interrupted, "interrupted; the events written so far are complete lines")
        }
        if totals.rejected > 0 {
            throw MapFailure(.dataError, "\(MapJob.counted(totals.rejected, "record")) rejected",
                                 hint: rejects.map { "rejected records are in '\($0.name)'" }
                                     ?? "keep rejected records with --rejects PATH")
        }
        if failure != nil { throw MapFailure(.dataError, "") }
    }

    /// Reads the next block: what the last one left after its final line break, then input up to
    /// the block size. Returns true at the end of input, where the block keeps everything.
    private func fill(_ block: ByteBuffer, from input: InputFile, carry: ByteBuffer) throws(MapFailure) -> Bool {
        block.removeAll()
        block.append(carry.bytes)
        carry.removeAll()
        while block.count < blockSize {
            var count = 0
            try block.append(upTo: blockSize - block.count) { space throws(MapFailure) in
                count = try input.read(into: space)
                return count
            }
            if count == 0 { return true }
        }
        let bytes = block.bytes
        var cut = bytes.count
        while cut > 0 && bytes[cut - 1] != 0x0A { cut -= 1 }
        // No line break at all: the block goes whole, and the next one continues its value.
        if cut > 0 && cut < bytes.count {
            carry.append(UnsafeBufferPointer(rebasing: bytes[cut...]))
            block.removeLast(bytes.count - cut)
        }
        return false
    }

    /// Sends `block` to a worker, or maps it here once speculating stopped or there are no workers.
    private func map(_ block: ByteBuffer, at position: inout Position, from input: InputFile) throws(MapFailure) {
        guard !block.isEmpty else { return spareBlocks.append(block) }
        if position.speculating, let workers {
            workers.submit(MapBlock(input: block, mapper: takeMapper()))
            while workers.inFlight >= 2 * workers.count { try accept(workers.next(), at: &position, from: input) }
            return
        }
        try acceptAll(at: &position, from: input)
        position.mapper.feed(UnsafeRawBufferPointer(block.bytes))
        spareBlocks.append(block)
        try emit(position, from: input)
    }

    private func acceptAll(at position: inout Position, from input: InputFile) throws(MapFailure) {
        guard let workers else { return }
        while workers.inFlight > 0 { try accept(workers.next(), at: &position, from: input) }
    }

    /// Takes a worker's block in input order: its fresh result if everything before it ended
    /// between values, otherwise the block fed to the mapper that holds the unfinished value.
    private func accept(_ done: MapBlock, at position: inout Position, from input: InputFile) throws(MapFailure) {
        defer { spareBlocks.append(done.input) }
        if stopped { return spareMappers.append(done.mapper) }
        if position.mapper.isBetweenValues {
            let firstLine = position.firstLine + position.mapper.nextLine - 1
            spareMappers.append(position.mapper)
            position = Position(mapper: done.mapper, firstLine: firstLine, speculating: position.speculating)
        } else {
            spareMappers.append(done.mapper)
            position.speculating = false
            position.mapper.feed(UnsafeRawBufferPointer(done.input.bytes))
        }
        try emit(position, from: input)
    }

    /// Writes what the position's mapper produced since last time, with input line numbers.
    private func emit(_ position: Position, from input: InputFile) throws(MapFailure) {
        let mapper = position.mapper
        try output.write(takingContentsOf: mapper.output)
        for rejection in mapper.rejections {
            if !rejection.isPart {
                if shown < shownLimit {
                    clearProgress()
                    diagnostics("\(input.name):\(position.firstLine + rejection.line - 1): \(rejection.reason)\n")
                }
                shown += 1
            }
            guard rejects != nil else { continue }
            rejection.text.withUnsafeBufferPointer { rejectedLines.append($0) }
            if !rejection.continues { rejectedLines.append(0x0A) }
        }
        mapper.rejections.removeAll(keepingCapacity: true)
        try rejects?.write(takingContentsOf: rejectedLines)
        if let summary, let counted = mapper.tally as? Summary {
            summary.merge(counted)
            mapper.tally = summary.fresh()
        }
        totals.read += mapper.recordsRead
        totals.written += mapper.eventsWritten
        totals.rejected += mapper.recordsRejected
        mapper.resetCounts()
        if mapper.stopped { stopped = true }
    }

    private func takeMapper() -> OCSFMapper {
        let mapper = spareMappers.popLast() ?? OCSFMapper(options: options)
        mapper.reset()
        mapper.tally = summary?.fresh()
        return mapper
    }

    private func report() {
        if shown > shownLimit {
            status("\(shown - shownLimit) more rejected records not shown")
        }
        if let summary {
            status("\(MapJob.counted(totals.read, "record")) read, \(summary.counted) counted, \(totals.rejected) rejected"
                   + (summary.filter.map { "; \(summary.filtered) left out by the filters (\($0))" } ?? ""))
        } else {
            status("\(MapJob.counted(totals.read, "record")) read, \(MapJob.counted(totals.written, "event")) written, \(totals.rejected) rejected")
        }
    }

    /// `1 record`, `2 records`.
    private static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
