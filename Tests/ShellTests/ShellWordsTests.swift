import Testing
@testable import Shell

@Suite struct ShellWordsTests {
    static let variables = ["NAME": "world", "EMPTY": "", "SPACED": "a b"]
    static func lookup(_ name: String) -> String? { variables[name] }

    @Test(arguments: [
        ("map a b", ["map", "a", "b"]),
        ("  map\ta  ", ["map", "a"]),
        ("map 'a b' \"c d\" e\\ f", ["map", "a b", "c d", "e f"]),
        ("map '' \"\"", ["map", "", ""]),
        ("map 'it''s'", ["map", "its"]),
        ("map \"it's\" 'say \"hi\"'", ["map", "it's", "say \"hi\""]),
        ("x ${NAME} \"${NAME}!\" '${NAME}'", ["x", "world", "world!", "${NAME}"]),
        ("x ${SPACED}", ["x", "a b"]),
        ("x pre${NAME}post", ["x", "preworldpost"]),
        ("x \"a\\\"b\\\\c\\$d\"", ["x", "a\"b\\c$d"]),
        ("x $ $NAME", ["x", "$", "$NAME"]),
        ("x # comment", ["x"]),
        ("x a#b", ["x", "a#b"]),
        ("# all comment", []),
        ("x 'multi\nline'", ["x", "multi\nline"]),
    ])
    func splits(_ line: String, _ words: [String]) throws {
        #expect(try ShellWords.split(line, lookup: Self.lookup) == words)
    }

    @Test(arguments: [
        ("x 'open", ShellSyntaxError.unterminatedQuote("'")),
        ("x \"open", .unterminatedQuote("\"")),
        ("x ${MISSING}", .undefinedVariable("MISSING")),
        ("x ${NAME", .badSubstitution),
        ("x ${}", .badSubstitution),
        ("x ${A-B}", .badSubstitution),
    ])
    func refuses(_ line: String, _ error: ShellSyntaxError) {
        #expect(throws: error) { try ShellWords.split(line, lookup: Self.lookup) }
    }

    @Test func continuationNeedsAnOddNumberOfBackslashes() {
        #expect(ShellWords.continues("map \\"))
        #expect(!ShellWords.continues("map \\\\"))
        #expect(ShellWords.continues("map \\\\\\"))
        #expect(!ShellWords.continues("map"))
    }

    @Test(arguments: ["plain", "two words", "it's", "", "a\"b", "${NAME}", "tab\there", "é"])
    func quotingRoundTrips(_ word: String) throws {
        #expect(try ShellWords.split("x " + ShellWords.quote(word), lookup: Self.lookup) == ["x", word])
    }

    @Test func completionSplitKeepsThePartialWord() {
        #expect(ShellWords.splitForCompletion("map --pro", lookup: Self.lookup) == ["map", "--pro"])
        #expect(ShellWords.splitForCompletion("map ", lookup: Self.lookup) == ["map", ""])
        #expect(ShellWords.splitForCompletion("", lookup: Self.lookup) == [""])
        #expect(ShellWords.splitForCompletion("map 'my fi", lookup: Self.lookup) == ["map", "my fi"])
        #expect(ShellWords.splitForCompletion("map ${UNKNOWN}x", lookup: Self.lookup) == ["map", "x"])
    }
}
