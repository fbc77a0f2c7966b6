import Foundation
import Testing

/// `storage add|list|show|rotate|remove|check` against a real SeaweedFS store.
@Suite(.enabled(if: ObjectStore.available, "SeaweedFS is not in the venv: run 'make deps'")) struct StorageTests {
    static func add(_ home: SandboxHome, _ name: String, store: ObjectStore, secret: String = ObjectStore.secretKey,
                    extra: [String] = []) throws -> CLI.Outcome {
        try home.run(["storage", "add", name, "--endpoint", store.endpoint, "--access-key-id", ObjectStore.accessKeyID, "--from-file", "-"] + extra,
                     stdin: Data((secret + "\n").utf8))
    }

    /// A secret key given where the name of its variable goes is not repeated by the error.
    @Test func anErrorNeverEchoesASecretKey() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        for shaped in ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", String(repeating: "0123456789abcdef", count: 4)] {
            let outcome = try home.run(["storage", "add", "s3y", "--endpoint", "http://127.0.0.1:9/", "--access-key-id", "AKIAFAKE", "--from-env", shaped])
            #expect(outcome.status == 78)
            #expect(outcome.stderr.contains("the environment variable '<redacted>' is not set"), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains(shaped))
        }
    }

    @Test func aStoreIsAVaultEntryThatNeverShowsItsSecret() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        let added = try Self.add(home, "lake", store: store, secret: "  \(ObjectStore.secretKey)\u{200B} ")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("removed 2 leading spaces") || added.stderr.contains("removed"), "\(added.stderr)")
        let show = try home.run(["storage", "show", "lake"])
        #expect(show.stdoutText.contains("endpoint:      \(store.endpoint)") && show.stdoutText.contains("addressing:    path"))
        #expect(show.stdoutText.contains("secret key:    \(ObjectStore.secretKey.count) characters"))
        let list = try home.run(["storage", "list", "--json"])
        for text in [show.stdoutText, show.stderr, list.stdoutText, added.stderr] { #expect(!text.contains(ObjectStore.secretKey)) }
        // One set of names: a store is not a token, a token is not a store.
        #expect(try home.run(["token", "show", "lake"]).stderr.contains("'lake' is an object store's key, not a token"))
        #expect(try home.run(["storage", "show", "permitted"]).stderr.contains("'permitted' is a token, not an object store's key"))
        #expect(!(try home.run(["token", "list"]).stdoutText.contains("lake")))
        #expect(try Self.add(home, "lake", store: store).status == 73, "the name is taken")
        #expect(try home.run(["storage", "remove", "lake"]).status == 0)
        #expect(try home.run(["storage", "show", "lake"]).status == 78)
    }

    @Test func badSettingsAndSecretsAreRefused() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        for (endpoint, message) in [("http://s3.example.com", "plain http:// is allowed only to a loopback address"),
                                    ("https://s3.example.com/lake", "it has a path")] {
            let outcome = try home.run(["storage", "add", "x", "--endpoint", endpoint, "--access-key-id", "K", "--from-file", "-"], stdin: Data("s\n".utf8))
            #expect(outcome.status == 64 && outcome.stderr.contains(message), "\(outcome.stderr)")
        }
        let inner = try home.run(["storage", "add", "x", "--endpoint", "https://s3.example.com", "--access-key-id", "K", "--from-file", "-"],
                                 stdin: Data("two words\n".utf8))
        #expect(inner.status == 65 && inner.stderr.contains("U+0020"), "\(inner.stderr)")
        #expect(try home.run(["storage", "list"]).stderr.contains("no object stores yet"))
    }

    @Test func checkProvesEveryStepAndNamesWhatFails() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let store = try ObjectStore()
        #expect(try Self.add(home, "lake", store: store).status == 0)
        #expect(try Self.add(home, "wrong", store: store, secret: "not-the-secret-key").status == 0)
        let check = try home.run(["storage", "check", "lake", "--bucket", ObjectStore.bucket, "--prefix", "cloudflare/"])
        #expect(check.status == 0, "\(check.stdoutText)\(check.stderr)")
        for step in ["list", "write", "read", "delete"] { #expect(check.stdoutText.contains("pass    \(step)"), "\(step)") }
        #expect(try home.run(["storage", "show", "lake"]).stdoutText.contains("last check:    pass (bucket lake)"))
        // The probe is gone.
        let probeLeft = try home.run(["storage", "check", "lake", "--bucket", ObjectStore.bucket, "--prefix", "cloudflare/"])
        #expect(probeLeft.stdoutText.contains("(0 objects seen)"), "\(probeLeft.stdoutText)")

        let wrong = try home.run(["storage", "check", "wrong", "--bucket", ObjectStore.bucket])
        #expect(wrong.status == 77)
        #expect(wrong.stdoutText.contains("SignatureDoesNotMatch") && wrong.stdoutText.contains("'cfaccess storage rotate'"), "\(wrong.stdoutText)")
        let noBucket = try home.run(["storage", "check", "lake", "--bucket", "no-such-bucket"])
        #expect(noBucket.status == 78 && noBucket.stdoutText.contains("NoSuchBucket"), "\(noBucket.stdoutText)")
        // A rotated key takes effect at once.
        let rotated = try home.run(["storage", "rotate", "wrong", "--from-file", "-"], stdin: Data((ObjectStore.secretKey + "\n").utf8))
        #expect(rotated.status == 0)
        #expect(try home.run(["storage", "check", "wrong", "--bucket", ObjectStore.bucket]).status == 0)
        store.stop()
        let down = try home.run(["storage", "check", "lake", "--bucket", ObjectStore.bucket])
        #expect(down.status == 69 && down.stdoutText.contains("cannot reach the store"), "\(down.stdoutText)")
    }
}
