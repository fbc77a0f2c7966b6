import Testing
@testable import Secrets

@Suite struct SecretWordsTests {
    let marks = SecretMarks(options: ["--passphrase"], positions: [1], dataLineOptions: ["--from-file"])

    @Test func marksTheSecretOptionsValuesAndPositions() {
        let words = ["token", "add", "prod", "s3cret-value", "--passphrase", "pw", "--note=x"]
        let line = SecretWords(words, first: 2, marks: marks)
        #expect(line.indices == [3, 4, 5])
        #expect(line.redacted == ["token", "add", "prod", "***", "--passphrase", "***", "--note=x"])
        #expect(SecretWords(["x", "--passphrase=pw"], first: 1, marks: marks).redacted == ["x", "--passphrase=***"])
    }

    @Test func aCredentialIsRedactedWhateverTheCommandSays() {
        let token = "cfut_" + String(repeating: "FAKE0", count: 8)
        #expect(SecretWords(["set", "T", token], first: 1, marks: SecretMarks()).redacted == ["set", "T", "***"])
    }

    @Test func countsTheScriptLinesTakenAsData() {
        #expect(SecretWords(["token", "add", "a", "--from-file", "-"], first: 2, marks: marks).dataLines == 1)
        #expect(SecretWords(["token", "add", "a", "--from-file=-", "--from-file", "-"], first: 2, marks: marks).dataLines == 2)
        #expect(SecretWords(["token", "add", "a", "--from-file", "path"], first: 2, marks: marks).dataLines == 0)
        #expect(SecretWords(["token", "add", "--from-file", "-"], first: 2, marks: SecretMarks()).dataLines == 0)
    }
}
