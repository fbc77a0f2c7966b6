/// Writes one OCSF 1.8.0 Authentication event per record as a single NDJSON line.
///
/// Keys are written in alphabetical order at every level, straight into the output bytes: no
/// dictionary, no encoder, and the same record always gives the same bytes.
struct EventWriter {
    let output: ByteBuffer
    let options: MapOptions
    /// `metadata.tenant_uid`, already escaped.
    private let tenant: [UInt8]?
    private let version: [UInt8]
    private let securityControl: Bool
    private let datetime: Bool

    init(output: ByteBuffer, options: MapOptions) {
        self.output = output
        self.options = options
        tenant = options.accountID.map { EventWriter.escaped($0) }
        version = EventWriter.escaped(options.ocsfVersion)
        securityControl = options.profiles.contains(.securityControl)
        datetime = options.profiles.contains(.datetime)
    }

    private static func escaped(_ string: String) -> [UInt8] {
        let buffer = ByteBuffer(capacity: string.utf8.count * 6 + 16)
        var copy = string
        copy.withUTF8 { buffer.appendEscaped($0) }
        return Array(buffer.bytes)
    }

    /// Writes the event for `record`; `recordText` is the record's own JSON text. The keys go
    /// out in sorted order, section by section.
    func write(_ record: AccessRecord, members: [Member], base: UnsafePointer<UInt8>, recordText: UnsafeBufferPointer<UInt8>) {
        let activity = Activity(action: record.action)
        let hostname = record.appDomain.map { $0.prefix(upTo: UInt8(ascii: "/")) }.flatMap { $0.isEmpty ? nil : $0 }
        let emailIsValid = record.email.map(Validation.isEmailAddress) ?? false
        let controlled = securityControl && record.allowed != nil
        output.append("{")
        writeActivity(record, activity: activity, controlled: controlled)
        writeTarget(record, hostname: hostname, controlled: controlled)
        output.append(",\"is_remote\":true,\"message\":")
        writeMessage(record)
        writeMetadata(record, controlled: controlled)
        writeObservables(record, emailIsValid: emailIsValid, hostname: hostname)
        writeService(record, recordText: recordText)
        writeSource(record)
        writeTime(record, activity: activity)
        writeUnmapped(record, members: members, base: base)
        writeUser(record, emailIsValid: emailIsValid)
    }

    /// `action` (security_control), `activity_*`, `auth_factors`, `auth_protocol*`.
    @inline(__always)
    private func writeActivity(_ record: AccessRecord, activity: Activity, controlled: Bool) {
        let out = output
        if controlled, let allowed = record.allowed {
            out.append(allowed ? "\"action\":\"Allowed\",\"action_id\":1," : "\"action\":\"Denied\",\"action_id\":2,")
        }
        out.append("\"activity_id\":")
        out.appendDecimal(Int64(activity.id))
        out.append(",\"activity_name\":")
        if let name = activity.name { quoted(name) } else if let action = record.action { out.appendQuoted(action) }
        guard let authProtocol = record.connection.map(AuthProtocol.init(connection:)) else { return }
        if authProtocol.emailFactor {
            out.append(",\"auth_factors\":[{\"factor_type\":\"Email\",\"factor_type_id\":8}]")
        }
        out.append(",\"auth_protocol\":")
        if let name = authProtocol.name { quoted(name) } else if let connection = record.connection { out.appendQuoted(connection) }
        out.append(",\"auth_protocol_id\":")
        out.appendDecimal(Int64(authProtocol.id))
    }

    /// The class, `disposition` (security_control), `dst_endpoint`, `http_request`.
    @inline(__always)
    private func writeTarget(_ record: AccessRecord, hostname: Text?, controlled: Bool) {
        let out = output
        out.append(",\"category_name\":\"Identity & Access Management\",\"category_uid\":3,\"class_name\":\"Authentication\",\"class_uid\":3002")
        if controlled, let allowed = record.allowed {
            out.append(allowed ? ",\"disposition\":\"Allowed\",\"disposition_id\":1" : ",\"disposition\":\"Blocked\",\"disposition_id\":2")
        }
        if let hostname {
            out.append(",\"dst_endpoint\":{\"hostname\":")
            out.appendQuoted(hostname)
            out.append("}")
        }
        if let rayID = record.rayID {
            out.append(",\"http_request\":{\"uid\":")
            out.appendQuoted(rayID)
            out.append("}")
        }
    }

    /// `raw_data` (when asked for) and `service`.
    @inline(__always)
    private func writeService(_ record: AccessRecord, recordText: UnsafeBufferPointer<UInt8>) {
        let out = output
        if options.includeRawData {
            out.append(",\"raw_data\":\"")
            out.appendEscaped(recordText)
            out.append("\"")
        }
        if record.appDomain != nil || record.appUID != nil {
            out.append(",\"service\":{")
            var separator = false
            if let name = record.appDomain { field("name", name, &separator) }
            if let uid = record.appUID { field("uid", uid, &separator) }
            out.append("}")
        } else {
            // OCSF requires `service` or `dst_endpoint`. A record that names no application was
            // still an authentication at Cloudflare Access, the gateway itself.
            out.append(",\"service\":{\"name\":\"Cloudflare Access\"}")
        }
    }

    /// `severity`, `src_endpoint`, `status`.
    @inline(__always)
    private func writeSource(_ record: AccessRecord) {
        let out = output
        out.append(",\"severity\":\"Informational\",\"severity_id\":1")
        if let ip = record.ipAddress {
            out.append(",\"src_endpoint\":{\"ip\":")
            out.appendQuoted(ip)
            if let country = record.country {
                out.append(",\"location\":{\"country\":")
                out.appendQuoted(country)
                out.append("}")
            }
            out.append("}")
        }
        switch record.allowed {
        case true?: out.append(",\"status\":\"Success\",\"status_id\":1")
        case false?: out.append(",\"status\":\"Failure\",\"status_id\":2")
        case nil: out.append(",\"status\":\"Unknown\",\"status_id\":0")
        }
    }

    /// `time`, `time_dt` (datetime), `timezone_offset`, `type_*`.
    @inline(__always)
    private func writeTime(_ record: AccessRecord, activity: Activity) {
        let out = output
        out.append(",\"time\":")
        out.appendDecimal(record.time.milliseconds)
        if datetime {
            out.append(",\"time_dt\":\"")
            out.appendRFC3339(milliseconds: record.time.milliseconds)
            out.append("\"")
        }
        if let offset = record.time.offsetMinutes {
            out.append(",\"timezone_offset\":")
            out.appendDecimal(Int64(offset))
        }
        out.append(",\"type_name\":")
        quoted(activity.typeName)
        out.append(",\"type_uid\":")
        out.appendDecimal(300_200 + Int64(activity.id))
    }

    /// `user`, and the event's end.
    @inline(__always)
    private func writeUser(_ record: AccessRecord, emailIsValid: Bool) {
        output.append(",\"user\":{")
        var separator = false
        if let email = record.email {
            if emailIsValid { field("email_addr", email, &separator) }
            field("name", email, &separator)
        }
        if let uid = record.userID { field("uid", uid, &separator) }
        output.append("}}\n")
    }

    @inline(__always)
    private func quoted(_ text: StaticString) {
        output.append(UInt8(ascii: "\""))
        output.append(text)
        output.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private func field(_ key: StaticString, _ value: Text, _ separator: inout Bool) {
        if separator { output.append(UInt8(ascii: ",")) }
        separator = true
        quoted(key)
        output.append(UInt8(ascii: ":"))
        output.appendQuoted(value)
    }

    /// `alice@example.com login denied for wiki.example.com/admin`.
    private func writeMessage(_ record: AccessRecord) {
        let out = output
        out.append(UInt8(ascii: "\""))
        if let who = record.email ?? record.userID { unquoted(who) }
        out.append(UInt8(ascii: " "))
        if let action = record.action, !action.isEmpty { unquoted(action) } else { out.append("authentication") }
        switch record.allowed {
        case true?: out.append(" allowed")
        case false?: out.append(" denied")
        case nil: break
        }
        if let app = record.appDomain ?? record.appUID {
            out.append(" for ")
            unquoted(app)
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private func unquoted(_ text: Text) {
        if text.plain { output.append(text.start, count: text.count) } else { output.appendEscaped(text.bytes) }
    }

    private func writeMetadata(_ record: AccessRecord, controlled: Bool) {
        let out = output
        out.append(",\"metadata\":{")
        if let action = record.action, !action.isEmpty {
            out.append("\"event_code\":")
            out.appendQuoted(action)
            out.append(",")
        }
        out.append("\"log_name\":\"access_requests\",\"log_provider\":")
        quoted(record.shape.logProvider)
        if let rayID = record.rayID {
            out.append(",\"original_event_uid\":")
            out.appendQuoted(rayID)
        }
        if let original = record.originalTime {
            out.append(",\"original_time\":")
            out.appendQuoted(original)
        }
        out.append(",\"product\":{\"name\":\"Cloudflare Access\",\"vendor_name\":\"Cloudflare\"}")
        // Profiles in name order: datetime, security_control.
        if datetime || controlled {
            out.append(",\"profiles\":[")
            if datetime { out.append("\"datetime\"") }
            if controlled { out.append(datetime ? ",\"security_control\"" : "\"security_control\"") }
            out.append("]")
        }
        if let tenant {
            out.append(",\"tenant_uid\":\"")
            tenant.withUnsafeBufferPointer { out.append($0) }
            out.append("\"")
        }
        if let rayID = record.rayID {
            out.append(",\"uid\":")
            out.appendQuoted(rayID)
        }
        out.append(",\"version\":\"")
        version.withUnsafeBufferPointer { out.append($0) }
        out.append("\"}")
    }

    private func writeObservables(_ record: AccessRecord, emailIsValid: Bool, hostname: Text?) {
        let out = output
        out.append(",\"observables\":[")
        var separator = false
        func observable(_ name: StaticString, _ type: StaticString, _ typeID: Int64, _ value: Text) {
            out.append(separator ? ",{\"name\":\"" : "{\"name\":\"")
            separator = true
            out.append(name)
            out.append("\",\"type\":\"")
            out.append(type)
            out.append("\",\"type_id\":")
            out.appendDecimal(typeID)
            out.append(",\"value\":")
            out.appendQuoted(value)
            out.append("}")
        }
        if let ip = record.ipAddress {
            observable("src_endpoint.ip", "IP Address", 2, ip)
            if let country = record.country { observable("src_endpoint.location.country", "Country", 14, country) }
        }
        if let email = record.email {
            if emailIsValid { observable("user.email_addr", "Email Address", 5, email) }
            observable("user.name", "User Name", 4, email)
        }
        if let uid = record.userID { observable("user.uid", "User Object: uid", 31, uid) }
        if let hostname { observable("dst_endpoint.hostname", "Hostname", 1, hostname) }
        out.append("]")
    }

    /// Every other member, under its snake_case name in name order; of two members with the
    /// same name the later one wins, as it would in most JSON readers.
    private func writeUnmapped(_ record: AccessRecord, members: [Member], base: UnsafePointer<UInt8>) {
        guard !record.unmapped.isEmpty else { return }
        let out = output
        let entries = record.unmapped.enumerated().sorted { a, b in
            let order = compare(a.element.key, b.element.key)
            return order == 0 ? a.offset < b.offset : order < 0
        }
        out.append(",\"unmapped\":{")
        var separator = false
        for (position, entry) in entries.enumerated() {
            if position + 1 < entries.count, compare(entries[position + 1].element.key, entry.element.key) == 0 { continue }
            if separator { out.append(UInt8(ascii: ",")) }
            separator = true
            out.appendQuoted(entry.element.key)
            out.append(UInt8(ascii: ":"))
            let member = members[entry.element.member]
            let value = UnsafeBufferPointer(start: base + member.valueStart, count: member.valueEnd - member.valueStart)
            switch member.kind {
            case .string:
                out.append(UInt8(ascii: "\""))
                out.append(value)
                out.append(UInt8(ascii: "\""))
            case .object, .array:
                out.appendCompacted(value)
            default:
                out.append(value)
            }
        }
        out.append("}")
    }

    private func compare(_ a: Text, _ b: Text) -> Int {
        for index in 0..<min(a.count, b.count) where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return a.count - b.count
    }
}
