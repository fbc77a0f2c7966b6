import Testing
@testable import Vault

@Suite struct PasteHygieneTests {
    static let token = "cfut_FakeTestToken0123456789abcdefghijABCDEFGHIJ"  // 48 characters, obviously fake

    struct Cleaned: CustomTestStringConvertible, Sendable {
        var id: String
        var input: [UInt8]
        var removed: [String]
        var warnings = 0
        var expected = PasteHygieneTests.token
        var testDescription: String { id }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let cleaned: [Cleaned] = [
        .init(id: "as is", input: bytes(token), removed: []),
        .init(id: "trailing newline", input: bytes(token + "\n"), removed: ["removed 1 trailing newline"]),
        .init(id: "CRLF", input: bytes(token + "\r\n"), removed: ["removed 1 trailing newline", "removed 1 trailing carriage return"]),
        .init(id: "spaces and tabs", input: bytes("  \t" + token + " "),
              removed: ["removed 2 leading spaces", "removed 1 leading tab", "removed 1 trailing space"]),
        .init(id: "no-break and zero-width", input: bytes("\u{FEFF}\u{00A0}" + token + "\u{200B}\u{2060}"),
              removed: ["removed 1 leading zero-width character", "removed 1 leading no-break space", "removed 2 trailing zero-width characters"]),
        .init(id: "Bearer", input: bytes("Bearer " + token), removed: ["removed leading 'Bearer '"]),
        .init(id: "bearer lower case, quoted, newline", input: bytes("\"bearer " + token + "\"\n"),
              removed: ["removed 1 trailing newline", "removed surrounding quotes", "removed leading 'Bearer '"]),
        .init(id: "single quotes", input: bytes("'" + token + "'"), removed: ["removed surrounding quotes"]),
        .init(id: "legacy 40 characters", input: bytes("FakeLegacyToken_0123456789-ABCDEFGHIJKLM"), removed: [],
              expected: "FakeLegacyToken_0123456789-ABCDEFGHIJKLM"),
        .init(id: "unexpected length warns", input: bytes("cfut_FakeTokenOfAnOddLength00000000000000"), removed: [], warnings: 1,
              expected: "cfut_FakeTokenOfAnOddLength00000000000000"),
        .init(id: "unexpected character warns", input: bytes("Fake.Legacy.Token.With.Dots.0123456789AB"), removed: [], warnings: 1,
              expected: "Fake.Legacy.Token.With.Dots.0123456789AB"),
    ]

    @Test(arguments: cleaned)
    func cleans(_ testCase: Cleaned) throws {
        let secret = try testCase.input.withUnsafeBytes { try SecretBytes(copying: $0) }
        let report = try PasteHygiene.clean(secret)
        #expect(VaultFixtures.text(secret) == testCase.expected)
        #expect(report.removed == testCase.removed)
        #expect(report.warnings.count == testCase.warnings)
        // Nothing said about the paste contains the token.
        for line in report.removed + report.warnings { #expect(!line.contains(testCase.expected)) }
    }

    struct Refused: CustomTestStringConvertible, Sendable {
        var id: String
        var input: [UInt8]
        var message: String
        var testDescription: String { id }
    }

    static let refused: [Refused] = [
        .init(id: "no-break space inside", input: bytes("cfut_FakeTestToken\u{00A0}0123456789abcdefghijABCDEFGHIJ"),
              message: "character 19 of 49 is U+00A0 NO-BREAK SPACE"),
        .init(id: "space inside", input: bytes("cfut_Fake TestToken"), message: "character 10 of 19 is U+0020 SPACE"),
        .init(id: "tab inside", input: bytes("cfut_Fake\tToken"), message: "character 10 of 15 is U+0009 CHARACTER TABULATION"),
        .init(id: "newline inside", input: bytes("cfut_Fake\nToken"), message: "character 10 of 15 is U+000A LINE FEED"),
        .init(id: "zero-width inside", input: bytes("cfut_Fake\u{200B}Token"), message: "character 10 of 15 is U+200B ZERO WIDTH SPACE"),
        .init(id: "non-ASCII letter", input: bytes("cfut_Fakë"), message: "character 9 of 9 is U+00EB LATIN SMALL LETTER E WITH DIAERESIS"),
        .init(id: "delete control", input: bytes("cfut_Fake\u{7F}"), message: "character 10 of 10 is U+007F DELETE"),
        .init(id: "invalid UTF-8", input: bytes("cfut_Fake") + [0xFF], message: "byte 10 of the token is not valid UTF-8"),
        .init(id: "only whitespace", input: bytes(" \n\t "), message: "the token is empty"),
        .init(id: "global key prefix", input: bytes("cfk_FakeGlobalKey0123456789"), message: "this is a Global API Key, not an API token"),
        .init(id: "37 lowercase hex", input: bytes(String(repeating: "ab12", count: 9) + "c"), message: "this is a Global API Key, not an API token"),
        .init(id: "cut by a line break", input: bytes("cfut_FakeTokenWith\n"),
              message: "the token is only 18 characters, shorter than any Cloudflare token: was it cut by a line break?"),
    ]

    @Test(arguments: refused)
    func refuses(_ testCase: Refused) throws {
        let secret = try testCase.input.withUnsafeBytes { try SecretBytes(copying: $0) }
        do {
            _ = try PasteHygiene.clean(secret)
            Issue.record("accepted")
        } catch {
            #expect(error.message == testCase.message)
        }
    }
}
