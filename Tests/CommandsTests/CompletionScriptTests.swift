import Foundation
import Testing

/// `completions/` holds scripts generated from the command tree; they must match what the
/// current tree generates, or users install completions for commands that no longer exist.
@Suite struct CompletionScriptTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("completions")

    @Test(arguments: [("bash", "cfaccess.bash"), ("zsh", "_cfaccess"), ("fish", "cfaccess.fish")])
    func committedScriptIsCurrent(_ shell: String, _ file: String) throws {
        let generated = try CLI.run(["--generate-completion-script", shell])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        #expect(generated.stdoutText == committed,
                "completions/\(file) is stale: run 'make completions' and commit the result")
    }

    /// `cfaccess completion SHELL` prints the same scripts, to install by hand.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionCommandPrintsTheScript(_ shell: String) throws {
        let printed = try CLI.run(["completion", shell])
        #expect(printed.status == 0)
        #expect(printed.stdout == (try CLI.run(["--generate-completion-script", shell])).stdout)
    }

    /// `docs/man/cfaccess.1` is generated from the command tree, like the completions.
    @Test func committedManualPageIsCurrent() throws {
        let generated = try CLI.run(["--generate-manual"])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: CLI.projectRoot.appendingPathComponent("docs/man/cfaccess.1"), encoding: .utf8)
        #expect(generated.stdoutText == committed, "docs/man/cfaccess.1 is stale: run 'make man' and commit the result")
        for command in ["feed run", "feed status", "logs fetch", "token check-scopes", "vault restore", "completion"] {
            #expect(committed.contains(".SS cfaccess \(command)\n"), "\(command)")
        }
    }

    /// `make install` puts the binaries, the man page and the completions where each is looked for.
    @Test func installPutsEveryFileInPlace() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = CLI.executable.deletingLastPathComponent().path
        #expect(try CLI.shell("make -s install-files BIN='\(bin)' DESTDIR='\(root.path)' PREFIX=/usr > '\(root.path)/log' 2>&1",
                              in: CLI.projectRoot) == 0)
        for (file, mode) in [("usr/bin/cfaccess", 0o755), ("usr/bin/cfaccess-sandbox", 0o755), ("usr/share/man/man1/cfaccess.1", 0o644),
                             ("usr/share/bash-completion/completions/cfaccess", 0o644), ("usr/share/zsh/site-functions/_cfaccess", 0o644),
                             ("usr/share/fish/vendor_completions.d/cfaccess.fish", 0o644)] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(file).path)
            #expect(attributes?[.posixPermissions] as? Int == mode, "\(file)")
        }
    }
}
