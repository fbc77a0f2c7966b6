import ArgumentParser
import Normalizer

/// The filters `logs fetch`, `logs summary` and feeds share (each record is judged on arrival).
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep records whose user e-mail contains this (repeatable: any of them).", valueName: "text"))
    var email: [String] = []
    @Flag(name: .customLong("email-exact"), help: "--email and --not-email match whole addresses.") var emailExact = false
    @Option(name: .customLong("not-email"), help: ArgumentHelp("Drop records whose user e-mail contains this (repeatable).", valueName: "text"))
    var notEmail: [String] = []
    @Option(help: ArgumentHelp("Keep this application: its uid or domain (repeatable).", valueName: "app")) var app: [String] = []
    @Flag(help: "Keep allowed requests only.") var allowed = false
    @Flag(help: "Keep denied requests only.") var denied = false
    @Option(help: ArgumentHelp("Keep requests from this country, ISO 3166 code (repeatable).", valueName: "cc")) var country: [String] = []
    @Option(name: .customLong("not-country"), help: ArgumentHelp("Drop requests from this country (repeatable).", valueName: "cc"))
    var notCountry: [String] = []
    @Option(name: .customLong("ray-id"), help: ArgumentHelp("Keep the request with this Ray ID (repeatable).", valueName: "id")) var rayID: [String] = []
    @Option(help: ArgumentHelp("Keep logins through this identity provider, e.g. okta (repeatable).", valueName: "name")) var idp: [String] = []

    /// The longest filter value (an e-mail address is at most 320 bytes, a domain 253), and the
    /// most values a command takes.
    static let longestValue = 512
    static let mostValues = 100

    func validate() throws {
        if allowed && denied { throw ValidationError("give --allowed or --denied, not both (a request is one or the other)") }
        if emailExact && email.isEmpty && notEmail.isEmpty { throw ValidationError("--email-exact goes with --email or --not-email") }
        for code in country + notCountry where code.count != 2 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw ValidationError("'\(code)' is not a country code: give two letters, such as US or DE")
        }
        for value in email + notEmail + app + rayID + idp where value.isEmpty { throw ValidationError("a filter value cannot be empty") }
        // Values are sent in the request's URL: a value no address or domain reaches is refused.
        for value in email + notEmail + app + rayID + idp where value.utf8.count > FilterOptions.longestValue {
            throw ValidationError("a filter value is at most \(FilterOptions.longestValue) bytes (one has \(value.utf8.count))")
        }
        if (email + notEmail + app + rayID + idp + country + notCountry).count > FilterOptions.mostValues {
            throw ValidationError("give at most \(FilterOptions.mostValues) filter values in all")
        }
    }

    /// What was given, or nil when no filter was.
    var filter: RecordFilter? {
        var filter = RecordFilter()
        func given(_ values: [String]) -> [String]? { values.isEmpty ? nil : values }
        filter.email = given(email)
        filter.notEmail = given(notEmail)
        filter.emailExact = emailExact ? true : nil
        filter.app = given(app)
        filter.allowed = allowed ? true : denied ? false : nil
        filter.country = given(country.map { $0.uppercased() })
        filter.notCountry = given(notCountry.map { $0.uppercased() })
        filter.rayID = given(rayID)
        filter.idp = given(idp)
        return filter.isEmpty ? nil : filter
    }
}

/// `--profile` and `--raw-data`, as `map`, `logs fetch` and feeds take them.
struct EventOptions: ParsableArguments {
    @Option(name: .customLong("profile"), help: ArgumentHelp("Add an OCSF profile (repeatable).", valueName: "name"))
    var profiles: [Profile] = []
    @Flag(name: .customLong("raw-data"), inversion: .prefixedNo, help: "Copy each record's own text into raw_data.")
    var rawData: Bool?
}
