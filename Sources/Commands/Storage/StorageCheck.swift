import ArgumentParser
import Feeds
import Secrets
import Shell
import Storage
import Vault
import Voice

/// `storage check NAME --bucket B [--prefix P]`: like `token check-scopes`, proves the store is
/// usable for a feed, one line per step with the fix for a failure.
struct StorageCheck: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a store's key signs, the bucket exists, and the key may list, write, read and delete under the prefix.",
        discussion: """
            Writes a small probe object under the prefix and removes it. Exit 0 when every step \\
            passes, 77 when the key or its permission fails, 78 when the bucket does not exist, 69 \\
            when the store cannot be reached.

            Example:
              cfaccess storage check lake --bucket sec-logs --prefix cloudflare/
            """
    )

    @Argument(help: ArgumentHelp("The store's name.", valueName: "storage")) var name: String
    @Option(help: ArgumentHelp("The bucket feeds will write to.", valueName: "bucket")) var bucket: String
    @Option(help: ArgumentHelp("The key prefix they write under (default: none).", valueName: "prefix")) var prefix = ""
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust this CA bundle (PEM) as well.", valueName: "path"), completion: .file())
    var caFile: String?

    func validate() throws {
        if let problem = ObjectLayout.problem("s3://\(bucket)/\(prefix)") { throw ValidationError(problem) }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let (client, _) = try session.vault.storageClient(name, key: key, userAgent: "cfaccess/\(Cfaccess.version)", caFile: caFile)
        client.isCancelled = { Interrupt.isRequested }
        // A check answers quickly: a store that is down is said so after a few seconds.
        client.attempts = 3
        client.retryNotice = { Console.status("storage", $0) }
        let probe = StorageProbe(client: client, bucket: bucket, prefix: prefix)
        Console.writeOutput(CheckLines.render(probe.steps.map { step in
            step.error.map { CheckLines.Line(.fail, step.name, $0.summary, remediation: $0.hint.map { [$0] } ?? []) }
                ?? CheckLines.Line(.pass, step.name, step.detail ?? "")
        }, width: 9))
        try record(passed: probe.failure == nil, session: session, key: key)
        if let failure = probe.failure { throw CommandFailure.alreadyReported(failure.failure.status) }
        return .status(0)
    }

    /// The verdict goes into the vault entry, beside the store's settings.
    private func record(passed: Bool, session: ShellSession, key: VaultKey) throws(CommandFailure) {
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let entry = entries.first(where: { $0.name == name }) else { return }
                entry.check["result"] = passed ? "pass (bucket \(bucket))" : "fail (bucket \(bucket))"
                entry.check["checked_at"] = formatTime(nowMilliseconds())
            }
        }
    }
}
