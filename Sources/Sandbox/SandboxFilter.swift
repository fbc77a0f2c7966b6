import Foundation

/// The filter parameters of `access_requests` as the API documents them: `email` with
/// `emailOp` (`eq`, `neq`, `contains`; `email_exact=true` means `eq`), and `allowed`,
/// `app_uid`, `ray_id`, `country_code` and `idp` with their `…Op` (`eq`, `neq`). Text compares
/// without regard to case. A record is served only if it passes every parameter given.
struct SandboxFilter {
    private struct Condition {
        var field: String
        var value: String
        var operation: String
    }

    private let conditions: [Condition]

    /// Nil when the request names no filter.
    init?(value: (String) -> String?) {
        var conditions: [Condition] = []
        if let email = value("email") {
            let operation = value("emailOp") ?? (value("email_exact") == "true" ? "eq" : "contains")
            conditions.append(Condition(field: "user_email", value: email, operation: operation))
        }
        for (parameter, field) in [("allowed", "allowed"), ("app_uid", "app_uid"), ("ray_id", "ray_id"), ("country_code", "country"), ("idp", "connection")] {
            guard let wanted = value(parameter) else { continue }
            conditions.append(Condition(field: field, value: wanted, operation: value(parameter + "Op") ?? "eq"))
        }
        guard !conditions.isEmpty else { return nil }
        self.conditions = conditions
    }

    func matches(_ json: String) -> Bool {
        guard let record = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return false }
        return conditions.allSatisfy { condition in
            let actual: String? = switch record[condition.field] {
            case let text as String: text.lowercased()
            case let flag as Bool: flag ? "true" : "false"
            default: nil
            }
            let wanted = condition.value.lowercased()
            switch condition.operation {
            case "neq": return actual != wanted
            case "contains": return actual?.contains(wanted) ?? false
            default: return actual == wanted
            }
        }
    }
}
