/// Which access requests a fetch, a feed or a summary keeps. Values of one filter are
/// alternatives (`--country US --country DE`: either); different filters must all hold; a
/// `not` filter drops a record that matches any of its values. Text compares without regard to
/// ASCII case. Saved with a feed as a JSON object; a filter that is not set is left out.
package struct RecordFilter: Codable, Sendable, Equatable {
    /// Parts of the user's e-mail address; whole addresses when `emailExact` is true.
    package var email: [String]?
    package var emailExact: Bool?
    package var notEmail: [String]?
    /// An application's `app_uid`, or its domain (with or without the path).
    package var app: [String]?
    /// true keeps allowed requests, false denied ones; a record that says neither is never kept.
    package var allowed: Bool?
    package var country: [String]?
    package var notCountry: [String]?
    package var rayID: [String]?
    /// The identity provider (`connection`).
    package var idp: [String]?

    private enum CodingKeys: String, CodingKey {
        case email, emailExact = "email_exact", notEmail = "not_email", app, allowed, country, notCountry = "not_country",
             rayID = "ray_id", idp
    }

    package init() {}

    package var isEmpty: Bool { self == RecordFilter() }

    package func matches(_ facts: RecordFacts) -> Bool {
        if let email, !email.contains(where: { emailMatches(facts.email, $0) }) { return false }
        if let notEmail, notEmail.contains(where: { emailMatches(facts.email, $0) }) { return false }
        if let allowed, facts.allowed != allowed { return false }
        if let app, !app.contains(where: { appMatches(facts, $0) }) { return false }
        if let country, !country.contains(where: { RecordFilter.equal(facts.country, $0) }) { return false }
        if let notCountry, notCountry.contains(where: { RecordFilter.equal(facts.country, $0) }) { return false }
        if let rayID, !rayID.contains(where: { RecordFilter.equal(facts.rayID, $0) }) { return false }
        if let idp, !idp.contains(where: { RecordFilter.equal(facts.idp, $0) }) { return false }
        return true
    }

    private func emailMatches(_ address: UnsafeBufferPointer<UInt8>?, _ wanted: String) -> Bool {
        emailExact == true ? RecordFilter.equal(address, wanted) : RecordFilter.contains(address, wanted)
    }

    /// The uid, the domain as recorded, or the domain's host without its path.
    private func appMatches(_ facts: RecordFacts, _ wanted: String) -> Bool {
        if RecordFilter.equal(facts.appUID, wanted) || RecordFilter.equal(facts.appDomain, wanted) { return true }
        guard let domain = facts.appDomain, let slash = domain.firstIndex(of: UInt8(ascii: "/")) else { return false }
        return RecordFilter.equal(UnsafeBufferPointer(rebasing: domain[..<slash]), wanted)
    }

    static func equal(_ text: UnsafeBufferPointer<UInt8>?, _ wanted: String) -> Bool {
        guard let text else { return false }
        var wanted = wanted
        return wanted.withUTF8 { other in
            other.count == text.count && zip(text, other).allSatisfy { folded($0) == folded($1) }
        }
    }

    static func contains(_ text: UnsafeBufferPointer<UInt8>?, _ wanted: String) -> Bool {
        guard let text else { return false }
        var wanted = wanted
        return wanted.withUTF8 { other in
            guard other.count <= text.count else { return false }
            if other.isEmpty { return true }
            for start in 0...(text.count - other.count) where (0..<other.count).allSatisfy({ folded(text[start + $0]) == folded(other[$0]) }) {
                return true
            }
            return false
        }
    }

    @inline(__always)
    private static func folded(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }
}

extension RecordFilter: CustomStringConvertible {
    /// `email contains alice, denied, country DE or FR`: for `feed show` and status lines.
    package var description: String {
        var parts: [String] = []
        if let email { parts.append("email \(emailExact == true ? "is" : "contains") " + email.joined(separator: " or ")) }
        if let notEmail { parts.append("email \(emailExact == true ? "is not" : "does not contain") " + notEmail.joined(separator: " or ")) }
        if let app { parts.append("app " + app.joined(separator: " or ")) }
        if let allowed { parts.append(allowed ? "allowed" : "denied") }
        if let country { parts.append("country " + country.joined(separator: " or ")) }
        if let notCountry { parts.append("country not " + notCountry.joined(separator: " or ")) }
        if let rayID { parts.append("ray id " + rayID.joined(separator: " or ")) }
        if let idp { parts.append("identity provider " + idp.joined(separator: " or ")) }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
