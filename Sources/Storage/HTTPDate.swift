import Inputs

/// The times a store states in its answers (`Date`, `Last-Modified`): IMF-fixdate,
/// `Sat, 05 Dec 2026 01:06:10 GMT`, read as Unix seconds. A shared feed judges its lease by
/// these, the store's own clock, never by the host's.
public enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func seconds(_ text: String) -> Int64? {
        let words = text.split(separator: " ")
        guard words.count == 6, words[5] == "GMT", words[1].count == 2, words[3].count == 4, words[4].count == 8,
              let month = months.firstIndex(of: String(words[2])) else { return nil }
        let digits = String(month + 1)
        let rfc3339 = "\(words[3])-\(digits.count == 1 ? "0" + digits : digits)-\(words[1])T\(words[4])Z"
        return (try? TimeInput(rfc3339, option: "Date", now: 0)).map { $0.milliseconds / 1000 }
    }
}
