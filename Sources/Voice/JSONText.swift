import FoundationEssentials

/// `--json` output: stable key order, no escaped slashes, one document.
package enum JSONText {
    package static func encode<Value: Encodable>(_ value: Value) throws(CommandFailure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CommandFailure(.software, "cannot encode the output: \(error)")
        }
    }
}
