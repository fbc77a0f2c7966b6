import Inputs
import Normalizer

/// What `logs summary` groups by.
package enum SummaryKey: String, CaseIterable, Sendable {
    case user, app, country, ip, idp, action, allowed, hour

    /// This key's bytes in `facts`: the user's e-mail (else their uid), the application's domain
    /// (else its uid); nil where the record says nothing. The verdict and the hour are the
    /// caller's to spell.
    func bytes(of facts: RecordFacts) -> UnsafeBufferPointer<UInt8>? {
        switch self {
        case .user: facts.email ?? facts.userID
        case .app: facts.appDomain ?? facts.appUID
        case .country: facts.country
        case .ip: facts.ip
        case .idp: facts.idp
        case .action: facts.action.flatMap { $0.isEmpty ? nil : $0 }
        case .allowed, .hour: nil
        }
    }
}

/// One group of a summary: its key values (in `--by` order) and its counts.
package struct SummaryGroup: Sendable, Equatable {
    package var keys: [String]
    package var count = 0
    package var allowed = 0
    package var denied = 0
    /// Unix milliseconds of the earliest and latest request.
    package var firstSeen = Int64.max
    package var lastSeen = Int64.min

    /// Denied requests per request that said allowed or denied; nil when none said.
    package var denialRatio: Double? { allowed + denied == 0 ? nil : Double(denied) / Double(allowed + denied) }

    mutating func add(_ facts: RecordFacts) {
        count += 1
        if let verdict = facts.allowed { if verdict { allowed += 1 } else { denied += 1 } }
        firstSeen = min(firstSeen, facts.time)
        lastSeen = max(lastSeen, facts.time)
    }

    mutating func merge(_ other: SummaryGroup) {
        count += other.count
        allowed += other.allowed
        denied += other.denied
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
    }
}

/// Counts requests grouped by the `--by` keys, keeping only what the filter keeps. A map job's
/// workers each count into their own summary (`RecordTally`), merged in input order; a fetch
/// hands records over one at a time (`read`). A group's name is its values' bytes joined by a
/// unit separator, kept once in `GroupTable`, so counting a record allocates nothing.
package final class Summary: RecordTally {
    package let keys: [SummaryKey]
    package let filter: RecordFilter?
    package private(set) var counted = 0
    /// Records the filter left out.
    package private(set) var filtered = 0
    private var table = GroupTable()
    private var groups: [SummaryGroup] = []
    private var name: [UInt8] = []
    /// The last hour's start and text: records come mostly in time order.
    private var hour: (start: Int64, text: [UInt8]) = (.min, [])
    private lazy var reader: OCSFMapper = {
        let mapper = OCSFMapper(options: MapOptions())
        mapper.tally = self
        return mapper
    }()
    private static let separator: UInt8 = 0x1F
    private static let allowedText = Array("allowed".utf8), deniedText = Array("denied".utf8), unknownText = Array("unknown".utf8)
    /// The user group of requests that name no user: counted, never left out.
    private static let noIdentityText = Array("(no identity)".utf8)

    package init(by keys: [SummaryKey], filter: RecordFilter?) {
        self.keys = keys
        self.filter = filter.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An empty summary with the same keys and filter, for another worker.
    package func fresh() -> Summary { Summary(by: keys, filter: filter) }

    package func add(_ facts: RecordFacts) {
        if let filter, !filter.matches(facts) {
            filtered += 1
            return
        }
        counted += 1
        name.removeAll(keepingCapacity: true)
        for (position, key) in keys.enumerated() {
            if position > 0 { name.append(Summary.separator) }
            switch key {
            case .hour: name += hourText(facts.time)
            case .allowed: name += facts.allowed.map { $0 ? Summary.allowedText : Summary.deniedText } ?? Summary.unknownText
            default:
                if let bytes = key.bytes(of: facts) { name += bytes } else if key == .user { name += Summary.noIdentityText } else { name.append(UInt8(ascii: "-")) }
            }
        }
        let slot = name.withUnsafeBufferPointer { table.slot(for: $0, hash: GroupTable.hash($0)) }
        if slot == groups.count { groups.append(SummaryGroup(keys: [])) }
        groups[slot].add(facts)
    }

    private func hourText(_ time: Int64) -> [UInt8] {
        let start = time - ((time % 3_600_000) + 3_600_000) % 3_600_000
        if start != hour.start { hour = (start, Array(TimeInput(milliseconds: start).rfc3339.utf8)) }
        return hour.text
    }

    /// Reads one record as `map` reads it; false when it cannot be read (a rejection).
    package func read(_ record: ArraySlice<UInt8>) -> Bool {
        reader.tally(record: record)
    }

    package func merge(_ other: Summary) {
        counted += other.counted
        filtered += other.filtered
        for index in other.groups.indices {
            let slot = other.table.withName(index) { name, hash in table.slot(for: name, hash: hash) }
            if slot == groups.count { groups.append(other.groups[index]) } else { groups[slot].merge(other.groups[index]) }
        }
    }

    /// How many groups there are.
    package var groupCount: Int { groups.count }

    /// A cross-table ranked by its first key, then within it: the `top` first-key values with the
    /// most requests, and under each its `each` largest groups, most requests first. "Who was
    /// denied most, and from where" in one table.
    package func nested(top: Int?, each: Int) -> [SummaryGroup] {
        let all = sorted(top: nil)
        var totals: [String: Int] = [:]
        var order: [String] = []
        for group in all {
            let first = group.keys.first ?? ""
            if totals[first] == nil { order.append(first) }
            totals[first, default: 0] += group.count
        }
        let ranked = order.enumerated().sorted { a, b in
            let (x, y) = (totals[a.element]!, totals[b.element]!)
            return x != y ? x > y : a.element < b.element
        }.map(\.element).prefix(top ?? order.count)
        let byFirst = Dictionary(grouping: all) { $0.keys.first ?? "" }
        return ranked.flatMap { (byFirst[$0] ?? []).prefix(each) }
    }

    /// The groups, most requests first (ties by key), at most `top`.
    package func sorted(top: Int?) -> [SummaryGroup] {
        var slots = Array(groups.indices)
        if let top, top < slots.count {
            // Only the groups at or above the top-th count need ordering.
            let threshold = groups.map(\.count).sorted(by: >)[top - 1]
            slots = slots.filter { groups[$0].count >= threshold }
        }
        let names = slots.map { table.name($0) }
        var order = Array(slots.indices)
        order.sort { groups[slots[$0]].count != groups[slots[$1]].count ? groups[slots[$0]].count > groups[slots[$1]].count
            : names[$0].lexicographicallyPrecedes(names[$1]) }
        return order.prefix(top ?? order.count).map { position in
            var group = groups[slots[position]]
            group.keys = names[position].split(separator: Summary.separator, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            return group
        }
    }
}

/// Group names and their slots: the names' bytes end to end in one array, found again by an
/// open-addressing table of their hashes, so a name seen before costs a hash and a compare.
struct GroupTable {
    private var bytes: [UInt8] = []
    /// Where each slot's name starts in `bytes`, and its hash; a slot's name ends where the next starts.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot + 1, or 0 for empty; the capacity is a power of two, at most half full.
    private var buckets = [Int32](repeating: 0, count: 64)

    /// FNV-1a, then mixed so the low bits that pick a bucket depend on every byte.
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
    }

    /// The slot of `name`, added as the next slot (`count`) when it is new.
    mutating func slot(for name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        var bucket = Int(truncatingIfNeeded: hash) & (buckets.count - 1)
        while buckets[bucket] != 0 {
            let slot = Int(buckets[bucket]) - 1
            if hashes[slot] == hash, bytes[starts[slot]..<starts[slot + 1]].elementsEqual(name) { return slot }
            bucket = (bucket + 1) & (buckets.count - 1)
        }
        let slot = hashes.count
        bytes.append(contentsOf: name)
        starts.append(bytes.count)
        hashes.append(hash)
        buckets[bucket] = Int32(slot + 1)
        if 2 * hashes.count > buckets.count { grow() }
        return slot
    }

    func name(_ slot: Int) -> ArraySlice<UInt8> { bytes[starts[slot]..<starts[slot + 1]] }

    func withName<Result>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Result) -> Result {
        bytes[starts[slot]..<starts[slot + 1]].withUnsafeBufferPointer { body($0, hashes[slot]) }
    }

    private mutating func grow() {
        buckets = [Int32](repeating: 0, count: buckets.count * 2)
        for (slot, hash) in hashes.enumerated() {
            var bucket = Int(truncatingIfNeeded: hash) & (buckets.count - 1)
            while buckets[bucket] != 0 { bucket = (bucket + 1) & (buckets.count - 1) }
            buckets[bucket] = Int32(slot + 1)
        }
    }
}
