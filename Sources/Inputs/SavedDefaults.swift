import Files
import FoundationEssentials

/// Saved defaults (`cfaccess config`): the account, token, base URL and format a command uses
/// when none is given. An option wins, then the environment (`CFACCESS_ACCOUNT`,
/// `CFACCESS_TOKEN`, `CFACCESS_BASE_URL`, `CFACCESS_FORMAT`), then `config.json` (0600, in the
/// data directory).
package struct SavedDefaults: Sendable {
    package enum Key: String, CaseIterable, Sendable {
        case account, token, baseURL = "base-url", format

        package var environment: String { "CFACCESS_" + rawValue.uppercased().replacing("-", with: "_") }
    }

    /// Why the saved defaults cannot be read or written.
    package enum Problem: Error {
        case file(FileProblem)
        /// The file is there but is not a JSON object of strings.
        case damaged(path: String)
    }

    package let directory: String
    package var path: String { directory + "/config.json" }
    package private(set) var values: [String: String]

    /// The defaults saved in `directory`; none when it holds no `config.json`.
    package init(directory: String) throws(Problem) {
        self.directory = directory
        let bytes: [UInt8]
        do throws(FileProblem) {
            bytes = try PrivateFile.read(directory + "/config.json", limit: 1 << 20)
        } catch where error.kind == .missing {
            values = [:]
            return
        } catch {
            throw .file(error)
        }
        guard let decoded = try? JSONDecoder().decode([String: String].self, from: Data(bytes)) else {
            throw .damaged(path: directory + "/config.json")
        }
        values = decoded
    }

    /// The option's value, else the environment's, else the saved one.
    package func value(_ key: Key, option: String?) -> String? {
        option ?? Environment.value(key.environment) ?? values[key.rawValue]
    }

    /// The value a command cannot do without, or a refusal saying the three ways to give it.
    package func required(_ key: Key, option: String?, flag: String) throws(InvalidInput) -> String {
        guard let value = value(key, option: option) else {
            throw InvalidInput("give \(flag)", hint: "or set \(key.environment), or save a default: cfaccess config set \(key.rawValue) VALUE")
        }
        return value
    }

    /// Saves `value` for `key` (nil forgets it), replacing the file atomically.
    package mutating func set(_ key: Key, to value: String?) throws(FileProblem) {
        values[key.rawValue] = value
        try PrivateDirectory.make(directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(values)) ?? Data("{}".utf8)
        try PrivateFile.replace(path, with: [UInt8](data))
    }
}
