import Files
import Shell
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// Where secrets come from: files, descriptors, the environment or the terminal, read straight
/// into `SecretBytes`. Never argv.
package enum SecretInput {
    /// Passphrases and tokens are short; anything longer is a mistake (a wrong file).
    package static let limit = 4096

    /// Reads a whole file (or, for `-`, standard input) into secret memory. Files holding secrets
    /// must be private, like the vault. `keepLineBreak` leaves a final line break for the caller
    /// to strip and report (pasted tokens); passphrases lose it here.
    /// `systemdCredential` also accepts a file root owns and only root may write, as systemd
    /// lays out `$CREDENTIALS_DIRECTORY`.
    package static func file(_ path: String, what: String, sources: SecretSources, keepLineBreak: Bool = false,
                     systemdCredential: Bool = false) throws(CommandFailure) -> SecretBytes {
        if path == "-" { return try standardInput(what: what, sources: sources, keepLineBreak: keepLineBreak) }
        let descriptor: Int32
        do throws(FileProblem) {
            descriptor = try PrivateFile.open(path, rootMayOwn: systemdCredential)
        } catch {
            switch error.kind {
            case .missing: throw CommandFailure(.noInput, "cannot open '\(path)': no such file", hint: "check the path of the \(what) file")
            case .unsafe:
                // "'P' is open to others" reads on as "from 'P': it is open to others".
                let quoted = "'\(path)' "
                let why = error.message.hasPrefix(quoted) ? "'\(path)': it " + error.message.dropFirst(quoted.count) : error.message
                throw CommandFailure(.permission, "refusing to read the \(what) from \(why)", hint: error.hint)
            case .io(let code) where code == EACCES || code == EPERM:
                throw CommandFailure(.noInput, error.message, hint: "check that you may read '\(path)' (and search its directories)")
            default: throw CommandFailure(.noInput, error.message, hint: error.hint)
            }
        }
        defer { close(descriptor) }
        return try descriptorContents(descriptor, what: what, keepLineBreak: keepLineBreak)
    }

    /// Reads up to the end of `descriptor` into secret memory.
    package static func descriptorContents(_ descriptor: Int32, what: String, keepLineBreak: Bool = false) throws(CommandFailure) -> SecretBytes {
        let secret = try vaultCall { () throws(VaultError) in try SecretBytes(capacity: limit + 1) }
        var failure: Int32 = 0
        secret.fill { buffer in
            var count = 0
            while count < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failure = errno; break }
                if got == 0 { break }
                count += got
            }
            return count
        }
        guard failure == 0 else { throw CommandFailure(.ioError, "cannot read the \(what): \(FileProblem.describe(errno: failure))") }
        guard secret.count <= limit else { throw CommandFailure(.dataError, "the \(what) is longer than \(limit) bytes") }
        if !keepLineBreak { dropLineBreak(secret) }
        return secret
    }

    /// Standard input: the next line of the script when stdin carries one (both share one
    /// reader, so no line is lost), otherwise everything up to the end.
    package static func standardInput(what: String, sources: SecretSources, keepLineBreak: Bool) throws(CommandFailure) -> SecretBytes {
        guard let script = sources.scriptReader else { return try descriptorContents(0, what: what, keepLineBreak: keepLineBreak) }
        let copy = script.withNextLine { bytes in Result { () throws(VaultError) in try SecretBytes(copying: bytes) } }
        guard let copy else { throw CommandFailure(.dataError, "the script ended where the \(what) was expected") }
        return try vaultCall { () throws(VaultError) in try copy.get() }
    }

    /// An environment variable's value (already in this process's memory; copied, not moved).
    package static func environment(_ name: String, what: String) throws(CommandFailure) -> SecretBytes {
        guard let value = getenv(name) else {
            throw CommandFailure(.configuration, "the environment variable '\(name)' is not set", hint: "export it, or give the \(what) another way")
        }
        return try vaultCall { () throws(VaultError) in
            try SecretBytes(copying: UnsafeRawBufferPointer(start: value, count: strlen(value)))
        }
    }

    /// Asks on the terminal with echo off; `acceptsPaste` takes a bracketed paste whole (tokens).
    package static func prompt(_ text: String, acceptsPaste: Bool = false) throws(CommandFailure) -> SecretBytes? {
        guard SecretPrompt.hasTerminal else { return nil }
        let secret = try vaultCall { () throws(VaultError) in try SecretBytes(capacity: limit) }
        do {
            try secret.fill { buffer throws(SecretPrompt.Failure) in try SecretPrompt.read(prompt: text, into: buffer, acceptsPaste: acceptsPaste) }
        } catch .interrupted {
            throw CommandFailure(.interrupted, "interrupted")
        } catch .tooLong {
            throw CommandFailure(.dataError, "that was longer than \(limit) bytes")
        } catch {
            return nil
        }
        return secret
    }

    private static func dropLineBreak(_ secret: SecretBytes) {
        let count = secret.withUnsafeBytes { bytes -> Int in
            var end = bytes.count
            if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
            if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
            return end
        }
        secret.keep(0..<count)
    }
}

/// Runs a vault call and turns its error into the command-line failure.
package func vaultCall<Result>(_ body: () throws(VaultError) -> Result) throws(CommandFailure) -> Result {
    do { return try body() } catch { throw error.failure }
}
