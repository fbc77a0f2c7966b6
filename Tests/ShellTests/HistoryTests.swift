import Foundation
import Testing
import Files
@testable import Shell

@Suite struct HistoryTests {
    static let policy = HistoryPolicy(
        secretWords: { words in words.first == "set" && words.count > 2 ? [2] : [] },
        looksSecret: { $0.hasPrefix("cfut_") })

    @Test(arguments: [
        ("version", true),
        (" version", false),
        ("\tversion", false),
        ("set TOKEN value", false),
        ("set", true),
        ("map --account cfut_abcdef", false),
        ("map --account='cfut_abcdef'", false),
        ("map --account=cfut_abcdef", false),
    ])
    func keepsOnlyWhatIsSafe(_ line: String, _ kept: Bool) throws {
        let words = try ShellWords.split(line) { _ in nil }
        #expect(Self.policy.allows(line: line, words: words) == kept)
    }

    @Test func expandedSecretsAreCaught() {
        // The line names a variable; the words hold what it expanded to.
        #expect(!Self.policy.allows(line: "map --account ${T}", words: ["map", "--account", "cfut_abcdef"]))
    }

    static func history(_ path: String, limit: Int = 1000) -> HistoryFile {
        HistoryFile(path: path, limit: limit)
    }

    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    @Test func appendsPrivatelyAndLoadsInOrder() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = Self.history(directory + "/history")
        file.append("first")
        file.append("second\ncontinued")
        #expect(try file.load() == ["first", "second continued"])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func twoWritersLoseNothing() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let one = Self.history(directory + "/history"), two = Self.history(directory + "/history")
        for index in 0..<50 {
            one.append("one \(index)")
            two.append("two \(index)")
        }
        let lines = try one.load()
        #expect(lines.count == 100)
        #expect(Set(lines).count == 100)
    }

    @Test func staysBounded() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = Self.history(directory + "/history", limit: 10)
        for index in 0..<25 { file.append("line \(index)") }
        #expect(try file.load() == (15..<25).map { "line \($0)" })
        let onDisk = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(onDisk.split(separator: "\n").count == 10)
    }

    @Test func refusesAHistoryOpenToOthersOrBehindALink() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        FileManager.default.createFile(atPath: path, contents: Data("x\n".utf8), attributes: [.posixPermissions: 0o644])
        #expect(throws: FileProblem(.unsafe, "'\(path)' is accessible by other users (mode 644)", hint: "run: chmod 600 '\(path)'")) {
            try Self.history(path).load()
        }
        // Appending to it is refused too: nothing more is written to a file others can read.
        Self.history(path).append("secret-ish")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n")
        let link = directory + "/linked"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory + "/elsewhere")
        #expect(throws: FileProblem(.unsafe, "'\(link)' is a symbolic link", hint: "replace it with a regular file owned by you")) {
            try Self.history(link).load()
        }
    }
}
