/// What one access request says, as plain values: what filters match and summaries count. It is
/// read from a raw record (API or Logpush spelling) or from an OCSF event cfaccess wrote, and is
/// a view: its texts point into the input or the mapper's arena, valid only during the call
/// that hands it over, so whoever keeps a value copies it.
package struct RecordFacts {
    /// Unix milliseconds.
    package var time: Int64 = 0
    package var allowed: Bool?
    package var email: UnsafeBufferPointer<UInt8>?
    package var userID: UnsafeBufferPointer<UInt8>?
    package var appDomain: UnsafeBufferPointer<UInt8>?
    package var appUID: UnsafeBufferPointer<UInt8>?
    package var ip: UnsafeBufferPointer<UInt8>?
    /// Upper case.
    package var country: UnsafeBufferPointer<UInt8>?
    /// The record's `connection`; from an OCSF event, its `unmapped.connection` (from an event
    /// written before that was kept, its `auth_protocol`).
    package var idp: UnsafeBufferPointer<UInt8>?
    /// The record's `action` as sent (`login`); from an OCSF event, its `metadata.event_code`.
    package var action: UnsafeBufferPointer<UInt8>?
    package var rayID: UnsafeBufferPointer<UInt8>?

    package init() {}

    /// A text field as a `String`, for what is kept.
    package func string(_ field: KeyPath<RecordFacts, UnsafeBufferPointer<UInt8>?>) -> String? {
        self[keyPath: field].map { String(decoding: $0, as: UTF8.self) }
    }

    init(_ record: AccessRecord) {
        time = record.time.milliseconds
        allowed = record.allowed
        email = record.email?.bytes
        userID = record.userID?.bytes
        appDomain = record.appDomain?.bytes
        appUID = record.appUID?.bytes
        ip = record.ipAddress?.bytes
        country = record.country?.bytes
        idp = record.connection?.bytes
        action = record.action?.bytes
        rayID = record.rayID?.bytes
    }
}

/// Reads the facts of an OCSF Authentication event (`class_uid` 3002), as `map` writes them.
struct EventFactsReader {
    let base: UnsafePointer<UInt8>
    let decoder: StringDecoder

    /// Whether `members` are an Authentication event's rather than a record's.
    func isEvent(_ members: [Member]) -> Bool {
        members.contains { member in
            member.kind == .integer && key(member) == "class_uid" && text(member).elementsEqual("3002".utf8)
        }
    }

    func read(_ members: [Member]) -> RecordFacts {
        var facts = RecordFacts()
        var nested: [Member] = []
        for member in members {
            switch key(member) {
            case "time": if member.kind == .integer { facts.time = Int64(String(decoding: text(member), as: UTF8.self)) ?? 0 }
            case "status_id": facts.allowed = text(member).elementsEqual("1".utf8) ? true : text(member).elementsEqual("2".utf8) ? false : nil
            case "auth_protocol": if facts.idp == nil { facts.idp = string(member) }
            case "unmapped":
                object(member, into: &nested) { name, inner in if name == "connection" { facts.idp = string(inner) } }
            case "metadata":
                object(member, into: &nested) { name, inner in
                    if name == "uid" { facts.rayID = string(inner) }
                    if name == "event_code" { facts.action = string(inner) }
                }
            case "user":
                object(member, into: &nested) { name, inner in
                    if name == "email_addr" { facts.email = string(inner) }
                    if name == "name", facts.email == nil { facts.email = string(inner) }
                    if name == "uid" { facts.userID = string(inner) }
                }
            case "service":
                object(member, into: &nested) { name, inner in
                    if name == "name" { facts.appDomain = string(inner) }
                    if name == "uid" { facts.appUID = string(inner) }
                }
            case "src_endpoint": readSource(member, into: &facts)
            default: continue
            }
        }
        return facts
    }

    private func readSource(_ member: Member, into facts: inout RecordFacts) {
        var nested: [Member] = []
        var location: Member?
        object(member, into: &nested) { name, inner in
            if name == "ip" { facts.ip = string(inner) }
            if name == "location" { location = inner }
        }
        guard let location else { return }
        object(location, into: &nested) { name, inner in
            if name == "country" { facts.country = string(inner) }
        }
    }

    /// Calls `body` with each member of the object `member` holds; nothing for another kind.
    private func object(_ member: Member, into scratch: inout [Member], _ body: (String, Member) -> Void) {
        guard member.kind == .object else { return }
        var scanner = JSONScanner(base: base, start: member.valueStart, end: member.valueEnd, isFinal: true, line: 1)
        guard (try? scanner.scanObject(into: &scratch)) != nil else { return }
        for inner in scratch { body(key(inner), inner) }
    }

    private func key(_ member: Member) -> String {
        decoder.decode(base + member.keyStart, count: member.keyEnd - member.keyStart, escaped: member.keyEscaped).string
    }

    private func text(_ member: Member) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + member.valueStart, count: member.valueEnd - member.valueStart)
    }

    private func string(_ member: Member) -> UnsafeBufferPointer<UInt8>? {
        guard member.kind == .string else { return nil }
        return decoder.decode(base + member.valueStart, count: member.valueEnd - member.valueStart, escaped: member.valueEscaped).bytes
    }
}

/// Where a mapper in tally mode hands the facts of each record it reads.
package protocol RecordTally: AnyObject {
    func add(_ facts: RecordFacts)
}
