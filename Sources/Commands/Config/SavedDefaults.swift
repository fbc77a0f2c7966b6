import ArgumentParser
import Files
import FoundationEssentials
import Inputs
import Vault
import Voice

/// Saved defaults (`cfaccess config`): the account, token, base URL and format a command uses
/// when none is given. An option wins, then the environment (`CFACCESS_ACCOUNT`,
/// `CFACCESS_TOKEN`, `CFACCESS_BASE_URL`, `CFACCESS_FORMAT`), then `config.json` (0600, under
/// `CFACCESS_HOME`).
struct SavedDefaults {
    enum Key: String, CaseIterable, ExpressibleByArgument {
        case account, token, baseURL = "base-url", format

        var environment: String { "CFACCESS_" + rawValue.uppercased().replacing("-", with: "_") }

        /// Refuses a value the key's commands would refuse.
        func check(_ value: String) throws(InvalidInput) {
            switch self {
            case .account: _ = try AccountID(value, option: "account")
            case .baseURL: _ = try BaseURL(value, option: "base-url")
            case .token:
                try CredentialShape.checkName(value)
                do throws(VaultError) { try VaultEntry.validate(name: value) } catch {
                    throw InvalidInput("'\(value)' is not a token name", hint: "use up to 64 letters, digits, '.', '_' and '-'")
                }
            case .format:
                guard LogsFetch.Format(rawValue: value) != nil else {
                    throw InvalidInput("'\(value)' is not a format", hint: "give ocsf, raw or table")
                }
            }
        }
    }

    let path: String
    private(set) var values: [String: String]

    init(session: ShellSession) throws(CommandFailure) {
        path = session.paths.dataDirectory + "/config.json"
        let bytes: [UInt8]
        do throws(FileProblem) {
            bytes = try PrivateFile.read(path, limit: 1 << 20)
        } catch where error.kind == .missing {
            values = [:]
            return
        } catch {
            throw CommandFailure(error.kind == .unsafe ? .permission : .ioError, error.message, hint: error.hint)
        }
        guard let decoded = try? JSONDecoder().decode([String: String].self, from: Data(bytes)) else {
            throw CommandFailure(.configuration, "'\(path)' is damaged", hint: "fix it, or remove it and set the defaults again")
        }
        values = decoded
    }

    /// The option's value, else the environment's, else the saved one.
    func value(_ key: Key, option: String?) -> String? {
        option ?? Environment.value(key.environment) ?? values[key.rawValue]
    }

    /// The value a command cannot do without, or a usage error saying the three ways to give it.
    func required(_ key: Key, option: String?, flag: String) throws(CommandFailure) -> String {
        guard let value = value(key, option: option) else {
            throw CommandFailure(.usage, "give \(flag)", hint: "or set \(key.environment), or save a default: cfaccess config set \(key.rawValue) VALUE")
        }
        return value
    }

    mutating func set(_ key: Key, to value: String?, session: ShellSession) throws(CommandFailure) {
        values[key.rawValue] = value
        do throws(FileProblem) {
            try PrivateDirectory.make(session.paths.dataDirectory)
            let data = (try? JSONEncoder.sorted.encode(values)) ?? Data("{}".utf8)
            try PrivateFile.replace(path, with: [UInt8](data))
        } catch {
            throw CommandFailure(.ioError, error.message, hint: error.hint)
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}
