import Foundation
import Testing

/// One scenario per file in `Transcripts/`: the command line, stdin, inline files, and the exact
/// stdout, stderr and exit status expected from running the built binary in batch mode.
///
/// Sections: `args:` and `env:` header lines, then `-- stdin --`, `-- file NAME --`,
/// `-- stdout --`, `-- stderr --`, `-- exit --`. `$WORK` in any text stands for the scenario's
/// working directory, which is also `CFACCESS_HOME`'s parent (`$WORK/home`). Inline files are
/// created 0600.
@Suite struct TranscriptTests {
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var stdin = ""
        var files: [(String, String)] = []
        var stdout = ""
        var stderr = ""
        var exit: Int32 = 0
        var testDescription: String { name }

        static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

        static var all: [Scenario] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
                let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
                return Scenario(name: String(name.dropLast(4)), text: text)
            }
        }

        init(name: String, text: String) {
            self.name = name
            var section: String?
            var body: [String] = []
            func finish() {
                guard let section else { return }
                let content = body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
                switch section {
                case "stdin": stdin = content
                case "stdout": stdout = content
                case "stderr": stderr = content
                case "exit": exit = Int32(content.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                default: if section.hasPrefix("file ") { files.append((String(section.dropFirst(5)), content)) }
                }
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("-- "), line.hasSuffix(" --") {
                    finish()
                    section = String(line.dropFirst(3).dropLast(3))
                    body = []
                } else if section != nil {
                    body.append(line)
                } else if line.hasPrefix("args:") {
                    arguments = line.dropFirst(5).split(separator: " ").map(String.init)
                } else if line.hasPrefix("env:") {
                    let pair = line.dropFirst(4).trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                    environment[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
                }
            }
            // The file's own final line break is not part of the last section.
            if body.last == "" { body.removeLast() }
            finish()
        }
    }

    @Test func scenariosExist() {
        #expect(Scenario.all.count >= 10)
    }

    @Test(arguments: Scenario.all)
    func transcript(_ scenario: Scenario) throws {
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        func substitute(_ text: String) -> String { text.replacingOccurrences(of: "$WORK", with: work.path) }
        for (name, content) in scenario.files {
            // Private, as files holding passphrases or tokens must be.
            try FileManager.default.createDirectory(at: work.appendingPathComponent(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            try substitute(content).write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
            #expect(chmod(work.appendingPathComponent(name).path, 0o600) == 0)
        }
        var environment = scenario.environment.mapValues(substitute)
        environment["CFACCESS_HOME"] = environment["CFACCESS_HOME"] ?? work.appendingPathComponent("home").path
        let outcome = try CLI.run(scenario.arguments.map(substitute), stdin: substitute(scenario.stdin).bytes,
                                  in: work, environment: environment)
        #expect(outcome.stdoutText == substitute(scenario.stdout), "stdout of \(scenario.name)")
        #expect(outcome.stderr == substitute(scenario.stderr), "stderr of \(scenario.name)")
        #expect(outcome.status == scenario.exit, "exit status of \(scenario.name)")
    }
}
