import ArgumentParser
import Inputs
import Vault
import Voice

extension SavedDefaults {
    /// The session's saved defaults; a file that cannot be read is a failure with its exit code.
    init(session: ShellSession) throws(CommandFailure) {
        do throws(Problem) {
            try self.init(directory: session.paths.dataDirectory)
        } catch {
            throw error.failure
        }
    }
}

extension SavedDefaults.Problem {
    var failure: CommandFailure {
        switch self {
        case .file(let problem): CommandFailure(problem.kind == .unsafe ? .permission : .ioError, problem.message, hint: problem.hint)
        case .damaged(let path): CommandFailure(.configuration, "'\(path)' is damaged", hint: "fix it, or remove it and set the defaults again")
        }
    }
}

extension SavedDefaults.Key: ExpressibleByArgument {
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
