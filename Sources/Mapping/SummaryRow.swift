import Inputs

/// A group as `--json` gives it: its key values under the `--by` words, and its counts. `allowed`
/// and `denied` are counts, so `--by allowed` gives its key as `result`.
package struct SummaryRow: Encodable {
    package var keys: [SummaryKey]
    package var group: SummaryGroup

    package init(keys: [SummaryKey], group: SummaryGroup) {
        self.keys = keys
        self.group = group
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ text: String) { stringValue = text }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in zip(keys, group.keys) { try container.encode(value, forKey: Key(key == .allowed ? "result" : key.rawValue)) }
        try container.encode(group.count, forKey: Key("count"))
        try container.encode(group.allowed, forKey: Key("allowed"))
        try container.encode(group.denied, forKey: Key("denied"))
        try container.encodeIfPresent(group.denialRatio, forKey: Key("denial_ratio"))
        try container.encode(TimeInput(milliseconds: group.firstSeen).rfc3339, forKey: Key("first_seen"))
        try container.encode(TimeInput(milliseconds: group.lastSeen).rfc3339, forKey: Key("last_seen"))
    }
}
