/// A look at one record or event as `map` reads it (API or Logpush spelling, any whitespace,
/// epoch or RFC 3339; an OCSF event's own fields): its time, where a spool files it by day, and
/// its `ray_id`, how a rejected record is named to the user.
package final class RecordGlance: RecordTally {
    private let mapper = OCSFMapper(options: MapOptions())
    private var time: Int64?
    private var rayID: String?
    private var wantsRayID = false

    package init() { mapper.tally = self }

    package func add(_ facts: RecordFacts) {
        time = facts.time
        if wantsRayID { rayID = facts.string(\.rayID) }
    }

    /// Unix milliseconds, or nil when the bytes are no record or event.
    package func time(of bytes: ArraySlice<UInt8>) -> Int64? {
        time = nil
        wantsRayID = false
        return mapper.tally(record: bytes) ? time : nil
    }

    /// The record's `ray_id`, or nil when it has none or is no record.
    package func rayID(of bytes: ArraySlice<UInt8>) -> String? {
        rayID = nil
        wantsRayID = true
        return mapper.tally(record: bytes) ? rayID : nil
    }
}
