/// Reads the time of one record or event as `map` reads it (API or Logpush spelling, any
/// whitespace, epoch or RFC 3339; an OCSF event's `time`): where a spool files it by day.
package final class RecordTime: RecordTally {
    private let mapper = OCSFMapper(options: MapOptions())
    private var time: Int64?

    package init() { mapper.tally = self }

    package func add(_ facts: RecordFacts) { time = facts.time }

    /// Unix milliseconds, or nil when the bytes are no record or event.
    package func of(_ bytes: ArraySlice<UInt8>) -> Int64? {
        time = nil
        return mapper.tally(record: bytes) ? time : nil
    }
}
