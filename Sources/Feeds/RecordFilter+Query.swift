import Normalizer

extension RecordFilter {
    /// The query parameters the API documents for this filter (`email`/`emailOp`, and the
    /// `…Op` operators with their values). Only what can never remove a record the filter keeps
    /// is sent: one value per parameter, as the API takes, and a uid only when it looks like
    /// one. Every record is still judged on arrival, so the result is right whether or not the
    /// API honours a parameter.
    package var queryParameters: [(String, String)] {
        var query: [(String, String)] = []
        if let email, email.count == 1, notEmail == nil {
            query += [("email", email[0]), ("emailOp", emailExact == true ? "eq" : "contains")]
            if emailExact == true { query.append(("email_exact", "true")) }
        } else if email == nil, let notEmail, notEmail.count == 1 {
            // `neq` drops only the address itself, which the filter drops too, however it is read.
            query += [("email", notEmail[0]), ("emailOp", "neq")]
        }
        if let allowed { query += [("allowed", allowed ? "true" : "false"), ("allowedOp", "eq")] }
        if let app, app.count == 1, RecordFilter.looksLikeUID(app[0]) { query += [("app_uid", app[0]), ("app_uidOp", "eq")] }
        if let country, country.count == 1, notCountry == nil {
            query += [("country_code", country[0].uppercased()), ("country_codeOp", "eq")]
        } else if country == nil, let notCountry, notCountry.count == 1 {
            query += [("country_code", notCountry[0].uppercased()), ("country_codeOp", "neq")]
        }
        if let rayID, rayID.count == 1 { query += [("ray_id", rayID[0]), ("ray_idOp", "eq")] }
        if let idp, idp.count == 1 { query += [("idp", idp[0]), ("idpOp", "eq")] }
        return query
    }

    /// 8-4-4-4-12 hexadecimal digits.
    static func looksLikeUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
