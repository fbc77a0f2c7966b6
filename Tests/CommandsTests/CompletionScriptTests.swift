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

/// Help reads well at 80 columns (what a pipe gets): examples are never wrapped mid-command, and
/// no default is printed twice.
@Suite struct HelpTextTests {
    static let commands = ["map", "logs fetch", "feed create", "feed update", "feed run", "feed status", "feed reset", "vault init",
                           "vault passwd", "vault restore", "token add", "token check-scopes", "completion"]

    @Test(arguments: commands)
    func examplesAndDefaultsReadWell(_ command: String) throws {
        let help = try CLI.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(help.status == 0)
        let lines = help.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.hasPrefix("  cfaccess ") && index + 1 < lines.count {
            let next = lines[index + 1]
            #expect(next.isEmpty || next.hasPrefix("  "), "an example of '\(command)' is wrapped: \(line)")
        }
        // Each option's entry, its wrapped lines joined, names its default at most once.
        var entries: [String] = []
        for line in lines {
            if line.hasPrefix("  -") { entries.append(String(line)) } else if line.hasPrefix("      "), !entries.isEmpty { entries[entries.count - 1] += " " + line }
        }
        for entry in entries {
            #expect(entry.components(separatedBy: "default").count <= 2, "a default said twice: \(entry)")
        }
    }
}
