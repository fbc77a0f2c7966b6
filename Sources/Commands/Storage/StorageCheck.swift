import ArgumentParser
import Files
import Secrets
import Shell
import Storage
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

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

    @Argument(help: ArgumentHelp("The store's name.", valueName: "storage"), completion: CompletionValues.storages) var name: String
    @Option(help: ArgumentHelp("The bucket feeds will write to.", valueName: "bucket")) var bucket: String
    @Option(help: ArgumentHelp("The key prefix they write under (default: none).", valueName: "prefix")) var prefix = ""
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust this CA bundle (PEM) as well.", valueName: "path"), completion: .file())
    var caFile: String?

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let (client, _) = try session.vault.storageClient(name, key: key, userAgent: "cfaccess/\(Cfaccess.version)", caFile: caFile)
        client.isCancelled = { Interrupt.isRequested }
        // A check answers quickly: a store that is down is said so after a few seconds.
        client.attempts = 3
        client.retryNotice = { Console.status("storage", $0) }
        var lines: [String] = []
        var failure: StorageError?
        func step(_ name: String, _ detail: @autoclosure () -> String, _ body: () throws(StorageError) -> Void) {
            guard failure == nil else { return }
            do throws(StorageError) {
                try body()
                lines.append(Console.paint("pass", .green, on: 1) + "    " + name.padding(9) + detail())
            } catch {
                failure = error
                lines.append(Console.paint("fail", .red, on: 1) + "    " + name.padding(9) + error.summary)
                if let hint = error.hint { lines.append("                 → \(hint)") }
            }
        }
        var seen = 0
        step("list", "the key signs, bucket '\(bucket)' exists, listing under '\(prefix)' is allowed (\(seen) objects seen)") { () throws(StorageError) in
            seen = try client.list(bucket: bucket, prefix: prefix, limit: 10).count
        }
        let probe = prefix + ".cfaccess-check-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        var written = false
        step("write", "wrote '\(probe)' (only if no object had that key)") { () throws(StorageError) in
            try writeProbe(probe, client: client)
            written = true
        }
        step("read", "read it back, its hash intact") { () throws(StorageError) in
            guard let digest = try client.digest(bucket: bucket, key: probe), digest.sha256 == StorageCheck.probeHash else {
                throw StorageError(.http(404), code: "NoSuchKey", detail: "the probe object is not there, or not as written")
            }
        }
        step("delete", "removed it") { () throws(StorageError) in try client.delete(bucket: bucket, key: probe) }
        if written && failure != nil { try? client.delete(bucket: bucket, key: probe) }
        Console.writeOutput(lines.joined(separator: "\n") + "\n")
        try record(passed: failure == nil, session: session, key: key)
        if let failure { throw CommandFailure.alreadyReported(failure.failure.status) }
        return .status(0)
    }

    static let probeText = "cfaccess storage check: this object is removed right after it is written\n"
    static var probeHash: String {
        var hasher = SHA256()
        Array(probeText.utf8).withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    /// The probe goes up from a private temporary file, as a feed's objects go up from its spool.
    private func writeProbe(_ probe: String, client: S3Client) throws(StorageError) {
        var template = Array("/tmp/cfaccess-check-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw StorageError(.file, detail: "cannot create a temporary file: \(FileProblem.describe(errno: errno))") }
        let path = String(cString: template)
        defer {
            close(descriptor)
            unlink(path)
        }
        let bytes = Array(StorageCheck.probeText.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw StorageError(.file, detail: "cannot write a temporary file") }
        _ = try client.put(bucket: bucket, key: probe, path: path, size: Int64(bytes.count), sha256: StorageCheck.probeHash,
                           metadata: ["cfaccess-sha256": StorageCheck.probeHash])
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
