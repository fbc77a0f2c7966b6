/// Turns a stream of input bytes into OCSF events and rejections, one chunk at a time.
///
/// The input may be NDJSON, pretty-printed or concatenated JSON documents, top-level arrays of
/// records (streamed element by element) or API response envelopes. Only the value being read
/// is held in memory, and no more than `valueLimit` of it: a longer value is rejected and the
/// rest of it streams through (`OversizedValue`), so memory stays flat whatever the input. A
/// value cut by a chunk's end is scanned again only once its bytes have doubled, so the work
/// stays linear in the input however the chunks fall. The mapper does no I/O: the caller feeds
/// chunks, then takes `output` and `rejections` away between calls.
package final class OCSFMapper {
    /// The longest single value (a record, or an envelope with its records) that is mapped.
    package static let valueLimit = 16 << 20

    package let options: MapOptions
    /// Events written since the caller last emptied it, one NDJSON line each.
    package let output = ByteBuffer(capacity: 256 * 1024)
    /// Rejections since the caller last emptied it.
    package var rejections: [Rejection] = []
    package private(set) var recordsRead = 0
    package private(set) var eventsWritten = 0
    package private(set) var recordsRejected = 0
    /// Set once a rejection has stopped a strict run; later input is ignored.
    package private(set) var stopped = false

    private let pending = ByteBuffer(capacity: 256 * 1024)
    private let arena = ByteBuffer(capacity: 64 * 1024)
    private let writer: EventWriter
    /// Line number of the first byte in `pending`.
    private var line = 1
    private var container = Container.none
    private var members: [Member] = []
    private var keys: [Text] = []
    private var record = AccessRecord(shape: .api)
    /// The unfinished value is scanned again once `pending` holds this many bytes.
    private var rescanAt = 0
    /// Set while the rest of an oversized value streams through.
    private var oversized: OversizedValue?
    /// What `valueLimit` is for this mapper (tests make it small).
    package var limit = OCSFMapper.valueLimit
    /// When set, each record read is handed here as its facts instead of being written as an
    /// event, and OCSF events are read as well as records (`logs summary`, filters).
    package var tally: RecordTally?
    /// In tally mode, whether a request without a user identity counts as unreadable (as it
    /// does for an event); a summary and a record's time read it all the same.
    package var tallyRequiresIdentity = false

    /// Where the top level stands inside a JSON array of records.
    private enum Container {
        case none
        /// Just after `[`: an element or `]`.
        case arrayStart
        /// After `,`: an element.
        case arrayElement
        /// After an element: `,` or `]`.
        case arraySeparator
        /// After skipping a broken element: whatever comes next is taken as it comes.
        case arrayRecovered
    }

    /// True when every byte fed so far was taken: no value is half read, no array is open and no
    /// rejection stopped the run. Input fed next is then read exactly as a fresh mapper would
    /// read it, which is what lets `map` hand separate stretches of input to separate mappers.
    package var isBetweenValues: Bool {
        guard case .none = container else { return false }
        return pending.isEmpty && oversized == nil && !stopped
    }

    /// The input line the next byte fed starts on, counting from 1 at the first byte ever fed.
    package var nextLine: Int { line }

    package init(options: MapOptions) {
        self.options = options
        writer = EventWriter(output: output, options: options)
        members.reserveCapacity(32)
        keys.reserveCapacity(32)
    }

    /// Forgets everything fed and counted, keeping the buffers, so the mapper can start on new input.
    package func reset() {
        output.removeAll()
        rejections.removeAll(keepingCapacity: true)
        resetCounts()
        stopped = false
        pending.removeAll()
        rescanAt = 0
        oversized = nil
        line = 1
        container = .none
    }

    /// Zeroes the counts, for a caller that has added them to its own.
    package func resetCounts() {
        recordsRead = 0
        eventsWritten = 0
        recordsRejected = 0
    }

    /// Adds input and maps every complete value in it.
    package func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !stopped, var start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var count = bytes.count
        if oversized != nil {
            let used = skipOversized(start, count: count)
            start += used
            count -= used
            if count == 0 { return }
        }
        guard pending.isEmpty else {
            pending.append(start, count: count)
            if pending.count >= rescanAt { processPending(isFinal: false) }
            return
        }
        // Nothing left over: read the caller's bytes where they are and keep only an unfinished value.
        let taken = process(start, count: count, isFinal: false)
        pending.append(start + taken, count: count - taken)
        noteUnfinished()
    }

    /// Maps one record handed over on its own, as a fetch delivers them: its event is appended to
    /// `events` and each rejection goes to `rejected`.
    package func map(record: ArraySlice<UInt8>, appendingTo events: ByteBuffer,
                     rejected: (Rejection) throws -> Void) rethrows {
        record.withUnsafeBytes { feed($0) }
        withUnsafeBytes(of: UInt8(ascii: "\n")) { feed($0) }
        events.append(output.bytes)
        output.removeAll()
        // A record is fed whole: the parts of an oversized one are put back together.
        var whole: Rejection?
        for rejection in rejections {
            if rejection.isPart, whole != nil {
                whole?.text += rejection.text
                continue
            }
            if let done = whole { try rejected(done) }
            whole = rejection
        }
        if let done = whole { try rejected(done) }
        rejections.removeAll()
    }

    /// Reads one record handed over on its own into `tally` (tally mode); false when it cannot
    /// be read as an access request. Nothing is written and no rejection is kept.
    package func tally(record: ArraySlice<UInt8>) -> Bool {
        record.withUnsafeBytes { feed($0) }
        withUnsafeBytes(of: UInt8(ascii: "\n")) { feed($0) }
        let readable = rejections.isEmpty
        rejections.removeAll()
        output.removeAll()
        return readable
    }

    /// Maps what is left; a value cut off by the end of input is rejected.
    package func finish() {
        guard !stopped else { return }
        if oversized != nil {
            // Cut off by the end of input: its text ends here.
            rejections.append(Rejection(line: line, reason: "", text: [], isPart: true))
            oversized = nil
        }
        processPending(isFinal: true)
        pending.removeAll()
        pending.shrink(to: 256 * 1024)
        if case .none = container {} else if !stopped {
            reject(line: line, reason: "invalid JSON: unexpected end of input (unclosed array)", text: [])
        }
        container = .none
    }

    private func processPending(isFinal: Bool) {
        pending.removeFirst(process(UnsafePointer(pending.base), count: pending.count, isFinal: isFinal))
        if pending.count < 64 * 1024 { pending.shrink(to: 4 * 1024 * 1024) }
        if !isFinal { noteUnfinished() }
    }

    /// After a scan that left a value unfinished in `pending`: rejects it once it is over the
    /// limit, otherwise waits for its bytes to double before scanning it again.
    private func noteUnfinished() {
        guard !pending.isEmpty else { rescanAt = 0; return }
        guard pending.count > limit else { rescanAt = 2 * pending.count; return }
        let base = UnsafePointer(pending.base)
        var value = OversizedValue()
        // The value cannot end inside `pending` (the scan found it unfinished); this only sets
        // the lexer's state at its end.
        _ = value.consume(base, count: pending.count)
        reject(line: line, reason: oversizedReason, text: copy(base, 0, pending.count))
        rejections[rejections.count - 1].continues = !stopped
        for index in 0..<pending.count where base[index] == 0x0A { line += 1 }
        pending.removeAll()
        pending.shrink(to: 256 * 1024)
        rescanAt = 0
        oversized = stopped ? nil : value
    }

    private var oversizedReason: String {
        "a single value larger than \(limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"); it is kept whole in the rejects file, and mapping goes on after it"
    }

    /// Streams the rest of an oversized value into its rejection; returns the bytes it took.
    private func skipOversized(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        let end = oversized?.consume(base, count: count)
        let used = end?.resume ?? count
        rejections.append(Rejection(line: line, reason: "", text: copy(base, 0, end?.textEnd ?? count), isPart: true, continues: end == nil))
        for index in 0..<used where base[index] == 0x0A { line += 1 }
        if end != nil {
            oversized = nil
            if case .none = container {} else { container = .arraySeparator }
        }
        return used
    }

    /// Maps every complete value in `count` bytes at `base` and returns how many bytes it took.
    private func process(_ base: UnsafePointer<UInt8>, count: Int, isFinal: Bool) -> Int {
        var scanner = JSONScanner(base: base, start: 0, end: count, isFinal: isFinal, line: line)
        while !stopped {
            scanner.skipWhitespace()
            if scanner.atEnd { break }
            let start = scanner.position
            let startLine = scanner.line
            do throws(ScanFailure) {
                try step(&scanner)
            } catch {
                guard case .invalid(let message, let offset) = error, recover(&scanner, from: start, line: startLine, error: offset, message: message, isFinal: isFinal) else {
                    scanner.position = start
                    scanner.line = startLine
                    break
                }
            }
        }
        line = scanner.line
        return scanner.position
    }

    /// Reads one top-level token or value.
    private func step(_ scanner: inout JSONScanner) throws(ScanFailure) {
        let byte = scanner.current
        switch container {
        case .none:
            if byte == UInt8(ascii: "[") {
                scanner.position += 1
                container = .arrayStart
                return
            }
        case .arrayStart, .arrayRecovered:
            if byte == UInt8(ascii: "]") {
                scanner.position += 1
                container = .none
                return
            }
            if byte == UInt8(ascii: ","), case .arrayRecovered = container {
                scanner.position += 1
                container = .arrayElement
                return
            }
        case .arrayElement:
            break
        case .arraySeparator:
            scanner.position += 1
            switch byte {
            case UInt8(ascii: ","): container = .arrayElement
            case UInt8(ascii: "]"): container = .none
            default: throw scanner.unexpected(scanner.position - 1)
            }
            return
        }
        try value(&scanner)
        if case .none = container {} else { container = .arraySeparator }
    }

    /// Reads one value where a record, an array element or an envelope may stand.
    private func value(_ scanner: inout JSONScanner) throws(ScanFailure) {
        let start = scanner.position
        let startLine = scanner.line
        guard scanner.current == UInt8(ascii: "{") else {
            _ = try scanner.skipValue()
            reject(line: startLine, reason: "not a JSON object", text: copy(scanner.base, start, scanner.position))
            return
        }
        try scanner.scanObject(into: &members)
        // The same limit whether the value arrived in pieces or in one buffer.
        guard scanner.position - start <= limit else {
            reject(line: startLine, reason: oversizedReason, text: copy(scanner.base, start, scanner.position))
            return
        }
        if let envelope = Envelope(members: members, base: scanner.base) {
            try unwrap(envelope, scanner: scanner, objectStart: start, objectLine: startLine)
        } else {
            map(base: scanner.base, start: start, end: scanner.position, line: startLine)
        }
    }

    /// Maps the object whose members are in `members`.
    private func map(base: UnsafePointer<UInt8>, start: Int, end: Int, line: Int) {
        recordsRead += 1
        arena.removeAll()
        // Decoded text is never longer than its source and snake_case at most doubles a key,
        // so this keeps every pointer into the arena valid for the whole record.
        arena.reserve(3 * (end - start) + 64)
        let reader = RecordReader(base: base, decoder: StringDecoder(arena: arena))
        if let tally {
            let events = EventFactsReader(base: base, decoder: reader.decoder)
            if events.isEvent(members) {
                tally.add(events.read(members))
                eventsWritten += 1
                return
            }
        }
        do {
            try reader.read(members, keys: &keys, forcedShape: options.shape, requiringIdentity: tally == nil || tallyRequiresIdentity, into: &record)
        } catch {
            recordsRead -= 1
            reject(line: line, reason: error.reason, text: copy(base, start, end))
            return
        }
        if let tally {
            tally.add(RecordFacts(record))
        } else {
            writer.write(record, members: members, base: base,
                         recordText: UnsafeBufferPointer(start: base + start, count: end - start))
        }
        eventsWritten += 1
    }

    /// Maps each record of an envelope's `result`, or rejects the envelope as a whole.
    private func unwrap(_ envelope: Envelope, scanner: JSONScanner, objectStart: Int, objectLine: Int) throws(ScanFailure) {
        let base = scanner.base
        guard envelope.success else {
            reject(line: objectLine, reason: "API error response: " + envelope.errorSummary,
                   text: copy(base, objectStart, scanner.position))
            return
        }
        guard let result = envelope.result else { return }
        guard base[result.lowerBound] == UInt8(ascii: "[") else {
            reject(line: objectLine, reason: "API response result is not an array of records",
                   text: copy(base, objectStart, scanner.position))
            return
        }
        var lineAtResult = objectLine
        for index in objectStart..<result.lowerBound where base[index] == 0x0A { lineAtResult += 1 }
        var inner = JSONScanner(base: base, start: result.lowerBound + 1, end: result.upperBound, isFinal: true, line: lineAtResult)
        while !stopped {
            inner.skipWhitespace()
            if inner.atEnd || inner.current == UInt8(ascii: "]") { return }
            if inner.current == UInt8(ascii: ",") {
                inner.position += 1
                continue
            }
            let start = inner.position
            let startLine = inner.line
            // The envelope already scanned cleanly, so its elements cannot fail here.
            if inner.current == UInt8(ascii: "{") {
                try inner.scanObject(into: &members)
                map(base: base, start: start, end: inner.position, line: startLine)
            } else {
                _ = try inner.skipValue()
                reject(line: startLine, reason: "not a JSON object", text: copy(base, start, inner.position))
            }
        }
    }

    /// Rejects a value that is not JSON and finds a place to carry on.
    ///
    /// Records usually sit one per line, so the rejected text runs to the end of the line where
    /// the error was found, and reading resumes on the next line. When the error is the first
    /// thing on a later line, that line more likely starts the next record (the previous one
    /// was cut short), so it is kept. Returns false when the end of that line is not in yet.
    private func recover(_ scanner: inout JSONScanner, from start: Int, line startLine: Int, error offset: Int,
                         message: String, isFinal: Bool) -> Bool {
        let base = scanner.base
        let end = scanner.end
        var lineStart = start
        var errorLine = startLine
        var index = start
        while index < offset && index < end {
            if base[index] == 0x0A { errorLine += 1; lineStart = index + 1 }
            index += 1
        }
        var firstOnLine = lineStart
        while firstOnLine < offset, base[firstOnLine] == 0x20 || base[firstOnLine] == 0x09 || base[firstOnLine] == 0x0D {
            firstOnLine += 1
        }
        let cut: Int
        let resume: Int
        var resumeLine = errorLine
        if errorLine > startLine && firstOnLine == offset {
            cut = lineStart
            resume = lineStart
        } else {
            var newline = min(offset, end)
            while newline < end && base[newline] != 0x0A { newline += 1 }
            if newline == end && !isFinal { return false }
            cut = newline
            resume = min(newline + 1, end)
            if newline < end { resumeLine += 1 }
        }
        var textEnd = cut
        // The line break that ends a rejected line belongs to the layout, not the record.
        while textEnd > start, base[textEnd - 1] == 0x0A || base[textEnd - 1] == 0x0D { textEnd -= 1 }
        reject(line: startLine, reason: "invalid JSON: " + message, text: copy(base, start, textEnd))
        scanner.position = resume
        scanner.line = resumeLine
        if case .none = container {} else { container = .arrayRecovered }
        return true
    }

    private func reject(line: Int, reason: String, text: [UInt8]) {
        recordsRead += 1
        recordsRejected += 1
        rejections.append(Rejection(line: line, reason: reason, text: text))
        if options.stopAtFirstRejection { stopped = true }
    }

    private func copy(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: end - start))
    }
}
