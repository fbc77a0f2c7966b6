/// A Cloudflare API v4 response (`{"success":…,"errors":[…],"result":[…]}`) met in the input.
struct Envelope {
    var success: Bool
    /// Bytes of the `result` value, when present and not null.
    var result: Range<Int>?
    /// `code message` of the first error, for the rejection reason.
    var errorSummary: String

    /// Recognises an envelope: a boolean `success` next to a `result` or `errors` member.
    /// Access-request records have neither key, so no record is mistaken for one.
    init?(members: [Member], base: UnsafePointer<UInt8>) {
        var success: Bool?
        var sawBody = false
        var result: Range<Int>?
        var errors: Member?
        for member in members where !member.keyEscaped {
            let key = Text(start: base + member.keyStart, count: member.keyEnd - member.keyStart, plain: true)
            if key.equals("success"), member.kind == .true || member.kind == .false {
                success = member.kind == .true
            } else if key.equals("result") {
                sawBody = true
                result = member.kind == .null ? nil : member.valueStart..<member.valueEnd
            } else if key.equals("errors") {
                sawBody = true
                errors = member
            }
        }
        guard let success, sawBody else { return nil }
        self.success = success
        self.result = result
        errorSummary = errors.map { Envelope.firstError(in: $0, base: base) } ?? "no error details"
    }

    /// `code message` from the first object of an `errors` array, e.g. `10000 Authentication error`.
    private static func firstError(in member: Member, base: UnsafePointer<UInt8>) -> String {
        guard member.kind == .array else { return "no error details" }
        var scanner = JSONScanner(base: base, start: member.valueStart + 1, end: member.valueEnd, isFinal: true, line: 1)
        scanner.skipWhitespace()
        var fields: [Member] = []
        guard !scanner.atEnd, scanner.current == UInt8(ascii: "{"), (try? scanner.scanObject(into: &fields)) != nil else {
            return "no error details"
        }
        var parts: [String] = []
        for name in ["code", "message"] as [StaticString] {
            guard let field = fields.first(where: {
                Text(start: base + $0.keyStart, count: $0.keyEnd - $0.keyStart, plain: true).equals(name)
            }) else { continue }
            let text = String(decoding: UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart), as: UTF8.self)
            parts.append(text)
        }
        return parts.isEmpty ? "no error details" : parts.joined(separator: " ")
    }
}
