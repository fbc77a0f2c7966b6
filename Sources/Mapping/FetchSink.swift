import Inputs
import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// How `logs fetch` writes records: OCSF events, the records as fetched, or a table for people.
package enum FetchFormat: String, CaseIterable, Sendable { case ocsf, raw, table }

/// Where fetched records go: OCSF through the normalizer, raw NDJSON, or a table.
package final class FetchSink {
    private let format: FetchFormat
    private let output: OutputFile
    private let rejectsFile: OutputFile?
    private let mapper: OCSFMapper?
    private let table: FetchTable?
    private let buffer = ByteBuffer(capacity: 1 << 20)
    private let glance = RecordGlance()
    /// Erases the progress line before rows reach a terminal, which they share with it.
    private let clearProgress: () -> Void
    /// Where the first rejections are said in full (`record N (ray_id R) not normalized: reason`),
    /// and the closing count.
    package var diagnostics: (String) -> Void = { _ in }
    package var status: (String) -> Void = { _ in }
    package private(set) var records = 0
    package private(set) var rejected = 0

    /// `options` say how OCSF events are written (account, profiles, `raw_data`).
    package init(format: FetchFormat, output: String?, rejects: String?, options: MapOptions, clearProgress: @escaping () -> Void) throws(MapFailure) {
        self.format = format
        self.clearProgress = clearProgress
        self.output = try OutputFile(path: output)
        rejectsFile = try rejects.map { path throws(MapFailure) in try OutputFile(path: path) }
        mapper = format == .ocsf ? OCSFMapper(options: options) : nil
        table = format == .table ? FetchTable(terminalWidth: self.output.isTerminal ? FetchTable.terminalWidth(of: 1) : nil) : nil
        if let table { append(table.header) }
    }

    package func write(_ record: ArraySlice<UInt8>) throws {
        records += 1
        switch format {
        case .raw:
            record.withUnsafeBufferPointer { buffer.append($0) }
            buffer.append(UInt8(ascii: "\n"))
        case .ocsf:
            guard let mapper else { return }
            try mapper.map(record: record, appendingTo: buffer) { rejection in
                rejected += 1
                // The first few in full, as `map` does; the count says the rest.
                if rejected <= MapJob.shownRejections {
                    clearProgress()
                    let ray = glance.rayID(of: record).map { " (ray_id \($0))" } ?? ""
                    diagnostics("record \(records)\(ray) not normalized: \(rejection.reason)")
                }
                var line = rejection.text
                line.append(0x0A)
                if let rejectsFile { try line.withUnsafeBufferPointer { bytes throws(MapFailure) in try rejectsFile.write(bytes) } }
            }
        case .table:
            if let table { append(table.row(record)) }
        }
        if buffer.count > 1 << 19 { try flush() }
    }

    private func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append($0) }
    }

    package func finish() throws(MapFailure) {
        mapper?.finish()
        try flush()
        try output.finish()
        try rejectsFile?.finish()
        if rejected > MapJob.shownRejections {
            let more = rejected - MapJob.shownRejections
            status("\(more) more \(more == 1 ? "record" : "records") not normalized, not shown")
        }

    }

    private func flush() throws(MapFailure) {
        guard output.isTerminal else { return try output.write(takingContentsOf: buffer) }
        // On the terminal the progress line is on: erase it, and let the rows be written
        // before it can be drawn again, or they would start at its end.
        clearProgress()
        try output.write(takingContentsOf: buffer)
        try output.finish()
    }
}
