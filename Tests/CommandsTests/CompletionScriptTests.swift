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
}
