/// Judges records one at a time against a filter, as a fetch delivers them: each is read the
/// way `map` reads it. A record that cannot be read passes, so it reaches the rejects file as it
/// would without a filter: a filter never makes a record disappear unseen.
package final class FilterCheck: RecordTally {
    package let filter: RecordFilter
    private let mapper = OCSFMapper(options: MapOptions())
    private var kept = true

    package init(_ filter: RecordFilter) {
        self.filter = filter
        mapper.tally = self
        // Such a record is rejected by the feed: it passes, and reaches the rejects file.
        mapper.tallyRequiresIdentity = true
    }

    package func add(_ facts: RecordFacts) { kept = filter.matches(facts) }

    /// Whether the record in `bytes` passes the filter.
    package func keeps(_ bytes: ArraySlice<UInt8>) -> Bool {
        kept = true
        _ = mapper.tally(record: bytes)
        return kept
    }
}
