/// One access-request record, reduced to the fields OCSF maps, with everything else set aside
/// for `unmapped`. Its texts point into the input or the record arena.
struct AccessRecord {
    var shape: RecordShape
    /// Present as a string, possibly empty (`""` is its own case in MAPPING.md §3).
    var action: Text?
    var allowed: Bool?
    var appDomain: Text?
    var appUID: Text?
    var connection: Text?
    var ipAddress: Text?
    var rayID: Text?
    var email: Text?
    var userID: Text?
    /// Upper-cased into the arena when present.
    var country: Text?
    var time = Timestamp(epoch: 0)
    /// `metadata.original_time`: the source value as text.
    var originalTime: Text?
    /// Members that go under `unmapped`, with the snake_case key each goes under.
    var unmapped: [(key: Text, member: Int)] = []

    init(shape: RecordShape) { self.shape = shape }

    /// Clears every field but keeps the `unmapped` storage for the next record.
    mutating func reset(shape: RecordShape) {
        var kept: [(key: Text, member: Int)] = []
        swap(&kept, &unmapped)
        kept.removeAll(keepingCapacity: true)
        self = AccessRecord(shape: shape)
        unmapped = kept
    }
}

/// Why a record cannot become an event (the text after `FILE:LINE: `).
enum RecordProblem: Error, Equatable {
    case notAccessRequest
    case noUserIdentity
    case missingTime(StaticString)
    case unparseableTime(String)

    var reason: String {
        switch self {
        case .notAccessRequest: "not an access request"
        case .noUserIdentity: "no user identity"
        case .missingTime(let key): "missing \(key)"
        case .unparseableTime(let value): "unparseable time \(value)"
        }
    }

    static func == (lhs: RecordProblem, rhs: RecordProblem) -> Bool { lhs.reason == rhs.reason }
}

/// Reads the members of one scanned object into an `AccessRecord`.
struct RecordReader {
    let base: UnsafePointer<UInt8>
    let decoder: StringDecoder

    /// Fills `record` from `members`; `keys` is scratch space kept by the caller between records.
    /// Without `requiringIdentity`, a request that names no user is read all the same (what a
    /// summary counts and a spool files by time); an OCSF event needs the identity.
    func read(_ members: [Member], keys: inout [Text], forcedShape: RecordShape?, requiringIdentity: Bool = true,
              into record: inout AccessRecord) throws(RecordProblem) {
        keys.removeAll(keepingCapacity: true)
        for member in members {
            keys.append(decoder.decode(base + member.keyStart, count: member.keyEnd - member.keyStart, escaped: member.keyEscaped))
        }
        let shape = forcedShape ?? (keys.contains(where: Field.isLogpushKey) ? .logpush : .api)
        record.reset(shape: shape)

        var recognized = 0
        var timeMember: Int?
        var countryMember: Int?
        for (index, member) in members.enumerated() {
            guard let field = Field.matching(keys[index], in: shape) else {
                if member.kind != .null { setAside(index, key: keys[index], in: &record) }
                continue
            }
            if member.kind == .null { continue }
            if field == .createdAt {
                timeMember = index
                if member.kind == .string || member.kind == .integer { recognized += 1 }
                continue
            }
            if field == .allowed {
                guard member.kind == .true || member.kind == .false else {
                    setAside(index, key: keys[index], in: &record)
                    continue
                }
                record.allowed = member.kind == .true
                recognized += 1
                continue
            }
            guard member.kind == .string else {
                setAside(index, key: keys[index], in: &record)
                continue
            }
            recognized += 1
            let value = decoder.decode(base + member.valueStart, count: member.valueEnd - member.valueStart,
                                       escaped: member.valueEscaped)
            if value.isEmpty && field != .action { continue }
            if set(field, to: value, member: index, key: keys[index], in: &record) { countryMember = index }
        }

        guard recognized > 0 else { throw .notAccessRequest }
        guard record.email != nil || record.userID != nil || !requiringIdentity else { throw .noUserIdentity }
        try readTime(members, timeMember, shape: shape, into: &record)
        // A country describes where the source IP is; without an IP it has no endpoint to sit in.
        if record.ipAddress == nil, record.country != nil, let countryMember {
            record.country = nil
            setAside(countryMember, key: keys[countryMember], in: &record)
        }
    }

    /// Sets a string field of `record`; a value that fails its field's check (an IP address, a
    /// country code) is set aside. Returns whether it set the country.
    @inline(__always)
    private func set(_ field: Field, to value: Text, member index: Int, key: Text, in record: inout AccessRecord) -> Bool {
        switch field {
        case .action: record.action = value
        case .appDomain: record.appDomain = value
        case .appUID: record.appUID = value
        case .connection:
            // Kept as sent too: `auth_protocol` names only the provider's protocol (`okta` is OpenID).
            record.connection = value
            setAside(index, key: key, in: &record)
        case .rayID: record.rayID = value
        case .email: record.email = value
        case .userID: record.userID = value
        case .ipAddress:
            if Validation.isIPAddress(value) { record.ipAddress = value } else { setAside(index, key: key, in: &record) }
        case .country:
            guard Validation.isCountryCode(value) else {
                setAside(index, key: key, in: &record)
                return false
            }
            let arena = decoder.arena
            let start = arena.count
            arena.append(asciiUppercased(value[0]))
            arena.append(asciiUppercased(value[1]))
            record.country = Text(start: arena.base + start, count: 2, plain: true)
            return true
        case .allowed, .createdAt: break
        }
        return false
    }

    private func readTime(_ members: [Member], _ index: Int?, shape: RecordShape, into record: inout AccessRecord) throws(RecordProblem) {
        let missing = RecordProblem.missingTime(Field.createdAt.key(in: shape))
        guard let index else { throw missing }
        let member = members[index]
        let raw = UnsafeBufferPointer(start: base + member.valueStart, count: member.valueEnd - member.valueStart)
        switch member.kind {
        case .string:
            let value = decoder.decode(base + member.valueStart, count: raw.count, escaped: member.valueEscaped)
            guard !value.isEmpty else { throw missing }
            guard let time = Timestamp(string: value) else { throw .unparseableTime(quoted(member)) }
            record.time = time
            record.originalTime = value
        case .integer:
            guard let value = Timestamp.integer(raw), value >= 0 else { throw .unparseableTime(quoted(member)) }
            record.time = Timestamp(epoch: value)
            record.originalTime = Text(start: raw.baseAddress!, count: raw.count, plain: true)
        default:
            throw .unparseableTime(quoted(member))
        }
    }

    /// The member's value as it appears in the input, shortened for a diagnostic line.
    private func quoted(_ member: Member) -> String {
        let start = member.kind == .string ? member.valueStart - 1 : member.valueStart
        let end = member.kind == .string ? member.valueEnd + 1 : member.valueEnd
        let limit = 64
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: min(end - start, limit)), as: UTF8.self)
        return end - start > limit ? text + "…" : text
    }

    private func setAside(_ index: Int, key: Text, in record: inout AccessRecord) {
        let arena = decoder.arena
        let start = arena.count
        appendSnakeCase(key, to: arena)
        record.unmapped.append((Text(start: arena.base + start, count: arena.count - start, plain: true), index))
    }
}

@inline(__always)
func asciiUppercased(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "a") < 26 ? byte & ~0x20 : byte
}
