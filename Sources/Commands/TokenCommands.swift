import ArgumentParser
import Inputs
import Normalizer
import Shell
import Vault
#if canImport(Glibc)
import Glibc
#endif

/// `cfaccess token …`: API tokens in the vault. A token is never a command-line value: it would
/// land in shell history, `ps` and scripts.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Add, list, show, rotate or remove Cloudflare API tokens in the vault.",
        subcommands: [TokenAdd.self, TokenList.self, TokenShow.self, TokenRotate.self, TokenRemove.self, TokenCheckScopes.self]
    )
}

/// Options that say where a token's secret comes from (the terminal when none is given).
struct TokenSource: ParsableArguments {
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the token from this file ('-' for stdin).", valueName: "path"),
            completion: .file())
    var file: String?

    @Option(name: .customLong("from-env"), help: ArgumentHelp("Read the token from this environment variable.", valueName: "var"))
    var environment: String?

    func validate() throws {
        if file != nil && environment != nil { throw ValidationError("give either --from-file or --from-env, not both") }
    }

    /// Reads, cleans and checks the token; reports what was stripped, never the token.
    func read(for name: String, session: ShellSession) throws(CommandFailure) -> SecretBytes {
        let secret: SecretBytes
        if let file {
            secret = try SecretInput.file(file, what: "token", session: session, keepLineBreak: true)
        } else if let environment {
            secret = try SecretInput.environment(environment, what: "token")
        } else if let typed = try SecretInput.prompt("Paste the API token for '\(name)': ", acceptsPaste: true) {
            secret = typed
        } else {
            throw CommandFailure(.configuration, "no token: there is no terminal to paste it on",
                                 hint: "give it with --from-file PATH (or '-' for stdin) or --from-env VAR")
        }
        let report: PasteHygiene.Report
        do {
            report = try PasteHygiene.clean(secret)
        } catch {
            throw CommandFailure(.dataError, "refusing the token: \(error.message)", hint: error.hint)
        }
        for removed in report.removed { Console.status("token", removed) }
        for warning in report.warnings { Console.warning(warning) }
        return secret
    }
}

/// Opens the vault for a token command, creating it first on a terminal when there is none.
func unlockedVault(_ session: ShellSession, creatingIfMissing: Bool = false) throws(CommandFailure) -> VaultKey {
    let access = session.vault
    if creatingIfMissing && !access.store.exists {
        guard SecretPrompt.hasTerminal else { throw VaultError.missing(access.store.path).failure }
        Console.status("vault", "no vault yet at '\(access.store.path)'; creating one")
        let passphrase = try Passphrase(session: session).new()
        let key = try vaultCall { () throws(VaultError) in try access.store.create(passphrase: passphrase, parameters: KDFParameters(.moderate)) }
        access.remember(key)
        return key
    }
    return try access.unlock { () throws(CommandFailure) in try Passphrase(session: session).current() }
}

func nowMilliseconds() -> Int64 { TimeInput.nowMilliseconds() }

func formatTime(_ milliseconds: Int64) -> String { TimeInput(milliseconds: milliseconds).rfc3339 }

struct TokenAdd: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--from-file"]

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Store a new API token (pasted with echo off, or read from a file or variable).",
        discussion: """
            Examples:
              cfaccess token add prod
              cfaccess token add prod --from-file ~/prod.token
              printenv CF_API_TOKEN | cfaccess token add prod --from-file -
            """
    )

    @Argument(help: ArgumentHelp("A name for the token.", valueName: "name"))
    var name: String

    @OptionGroup var source: TokenSource

    func run(in session: ShellSession) throws -> ShellOutcome {
        try parsed { () throws(InvalidInput) in try CredentialShape.checkName(name) }
        try vaultCall { () throws(VaultError) in try VaultEntry.validate(name: name) }
        let key = try unlockedVault(session, creatingIfMissing: true)
        let secret = try source.read(for: name, session: session)
        let now = nowMilliseconds()
        let entry = VaultEntry(name: name, secret: secret, created: now, updated: now)
        let twin = try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) -> String? in
                guard !entries.contains(where: { $0.name == name }) else { throw .duplicateEntry(name) }
                let twin = entries.first { $0.secret.equals(secret) }?.name
                entries.append(entry)
                return twin
            }
        }
        if let twin { Console.warning("the same token is already stored as '\(twin)'") }
        Console.status("token", "added '\(name)' (\(entry.fingerprint), \(secret.count) characters)")
        return .status(0)
    }
}

struct TokenRotate: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--from-file"]

    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Replace a stored token's secret, keeping its name.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"))
    var name: String

    @OptionGroup var source: TokenSource

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        // Fail on an unknown name before asking for a secret.
        let names = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key).map(\.name) }
        guard names.contains(name) else { throw VaultError.unknownEntry(name).failure }
        let secret = try source.read(for: name, session: session)
        let fingerprint = try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) -> String in
                guard let entry = entries.first(where: { $0.name == name }) else { throw .unknownEntry(name) }
                if let twin = entries.first(where: { $0.name != name && $0.secret.equals(secret) }) {
                    Console.warning("the same token is already stored as '\(twin.name)'")
                }
                entry.secret = secret
                entry.updated = nowMilliseconds()
                entry.check = [:]
                return entry.fingerprint
            }
        }
        Console.status("token", "rotated '\(name)' (now \(fingerprint), \(secret.count) characters)")
        let users = try TokenUsers(name, session: session)
        if !users.isEmpty {
            Console.status("token", "\(users.description) now use the new secret (a running 'feed run --follow' from its next request)")
        }
        return .status(0)
    }
}

struct TokenRemove: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete a stored token.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"))
    var name: String

    @Flag(help: "Remove it even while feeds use it (they fail until given another token).")
    var force = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let users = try TokenUsers(name, session: session)
        if !users.feeds.isEmpty && !force {
            throw CommandFailure(.dataError, "token '\(name)' is used by \(users.description)",
                                 hint: "point them at another token with 'cfaccess feed update NAME --token OTHER', or remove it anyway with --force")
        }
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let index = entries.firstIndex(where: { $0.name == name }) else { throw .unknownEntry(name) }
                entries.remove(at: index)
            }
        }
        Console.status("token", "removed '\(name)'")
        if !users.isEmpty { Console.warning("\(users.description) still name '\(name)' and will fail until given another token") }
        return .status(0)
    }
}

/// What `token list` and `token show` print about an entry: never the secret.
struct TokenSummary: Encodable {
    var name: String
    var fingerprint: String
    var length: Int
    var created: String
    var updated: String
    var lastCheck: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, fingerprint, length, created, updated, lastCheck = "last_check"
    }

    init(_ entry: VaultEntry) {
        name = entry.name
        fingerprint = entry.fingerprint
        length = entry.secret.count
        created = formatTime(entry.created)
        updated = formatTime(entry.updated)
        lastCheck = entry.check.isEmpty ? nil : entry.check
    }

    var checkText: String {
        guard let lastCheck else { return "never checked" }
        return [lastCheck["result"] ?? lastCheck["outcome"], lastCheck["checked_at"].map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}

struct TokenList: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stored tokens (never their secrets).")

    @Flag(help: "Machine-readable output.")
    var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let summaries = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }.map(TokenSummary.init)
        if json {
            Console.writeOutput(try JSONText.encode(summaries) + "\n")
            return .status(0)
        }
        guard !summaries.isEmpty else {
            Console.status("token", "the vault holds no tokens; add one with 'cfaccess token add NAME'")
            return .status(0)
        }
        let rows = [["NAME", "FINGERPRINT", "LENGTH", "UPDATED", "LAST CHECK"]]
            + summaries.map { [$0.name, $0.fingerprint, String($0.length), $0.updated, $0.checkText] }
        Console.writeOutput(Table.render(rows))
        return .status(0)
    }
}

struct TokenShow: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one stored token's details (never its secret).")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"))
    var name: String

    @Flag(help: "Machine-readable output.")
    var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let entries = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }
        guard let entry = entries.first(where: { $0.name == name }) else { throw VaultError.unknownEntry(name).failure }
        let summary = TokenSummary(entry)
        if json {
            Console.writeOutput(try JSONText.encode(summary) + "\n")
            return .status(0)
        }
        var lines = [
            "name:        \(summary.name)", "fingerprint: \(summary.fingerprint)", "length:      \(summary.length)",
            "created:     \(summary.created)", "updated:     \(summary.updated)", "last check:  \(summary.checkText)",
        ]
        for (key, value) in (summary.lastCheck ?? [:]).sorted(by: { $0.key < $1.key }) where key != "outcome" && key != "checked_at" {
            lines.append("  \(key): \(value)")
        }
        Console.writeOutput(lines.joined(separator: "\n") + "\n")
        return .status(0)
    }
}

/// Left-aligned columns separated by two spaces.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.enumerated().map { number, row in
            let line = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
            // The header row stands out on a terminal.
            return number == 0 ? Console.paint(line, .bold, on: 1) : line
        }.joined(separator: "\n") + "\n"
    }
}
