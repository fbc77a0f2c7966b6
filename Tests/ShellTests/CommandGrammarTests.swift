import Testing
@testable import Shell

/// The grammar read from a help dump shaped like argument-parser's (`ToolInfoV0`), with the
/// fields the grammar reads and some it ignores.
@Suite struct CommandGrammarTests {
    static let dump = """
        {"serializationVersion": 0, "command": {"commandName": "tool", "arguments": [], "subcommands": [
          {"commandName": "logs", "subcommands": [
            {"commandName": "fetch", "arguments": [
              {"kind": "option", "shouldDisplay": true, "isRepeating": false, "valueName": "time",
               "names": [{"kind": "long", "name": "since"}], "isOptional": false},
              {"kind": "option", "shouldDisplay": true, "isRepeating": false, "valueName": "format",
               "names": [{"kind": "long", "name": "format"}], "allValues": ["ocsf", "raw", "table"]},
              {"kind": "option", "shouldDisplay": true, "isRepeating": false, "valueName": "path",
               "names": [{"kind": "short", "name": "o"}, {"kind": "long", "name": "output"}], "completionKind": {"file": {"extensions": []}}},
              {"kind": "flag", "shouldDisplay": true, "isRepeating": false, "names": [{"kind": "long", "name": "json"}]},
              {"kind": "flag", "shouldDisplay": false, "isRepeating": false, "names": [{"kind": "long", "name": "secret-flag"}]},
              {"kind": "option", "shouldDisplay": true, "isRepeating": false, "valueName": "feed",
               "names": [{"kind": "long", "name": "feed"}]}]}]},
          {"commandName": "token", "aliases": ["tokens"], "subcommands": [
            {"commandName": "remove", "arguments": [
              {"kind": "positional", "shouldDisplay": true, "isRepeating": true, "valueName": "token"},
              {"kind": "flag", "shouldDisplay": true, "isRepeating": false, "names": [{"kind": "long", "name": "verbose"}]}]}]},
          {"commandName": "help", "arguments": []}]}}
        """
    let grammar = CommandGrammar(dump: dump)

    @Test func readsTheTreeAndLeavesHiddenOptionsOut() {
        let (fetch, index) = grammar.command(for: ["logs", "fetch", "--since", "1h"])
        #expect(fetch.name == "fetch" && index == 2)
        #expect(fetch.options.flatMap(\.names) == ["--since", "--format", "-o", "--output", "--json", "--feed"])
        #expect(fetch.option(for: "--output=x")?.completesFiles == true)
        #expect(grammar.command(for: ["tokens", "remove"]).0.name == "remove")
    }

    @Test func anUnreadableDumpIsAnEmptyTree() {
        #expect(CommandGrammar(dump: "not json").root.subcommands.isEmpty)
    }

    @Test func suggestsTheClosestCommandAndOption() {
        #expect(grammar.suggestion(for: "lgos") == "logs")
        #expect(grammar.suggestion(for: "zzzz") == nil)
        #expect(grammar.unknownWord(in: ["logs", "fetsh"]) == .init(message: "unknown command 'logs fetsh'", hint: "did you mean 'tool logs fetch'?"))
        #expect(grammar.unknownWord(in: ["logs", "fetch", "--sinec", "1h"])
            == .init(message: "unknown option '--sinec' for 'tool logs fetch'", hint: "did you mean '--since'?"))
        // A value that starts with a dash belongs to its option; `--` ends the options.
        #expect(grammar.unknownWord(in: ["logs", "fetch", "--since", "-5", "--json", "--", "--nothing"]) == nil)
        #expect(grammar.unknownWord(in: ["logs", "fetch", "--qqqqqq"])?.hint == "run 'tool logs fetch --help' to see its options")
    }

    @Test func editDistanceCountsASwapAsOneEdit() {
        #expect(CommandGrammar.editDistance("since", "sinec") == 1)
        #expect(CommandGrammar.editDistance("", "abc") == 3)
        #expect(CommandGrammar.editDistance("kitten", "sitting") == 3)
    }

    @Test func completesCommandsOptionsAndValues() {
        #expect(grammar.candidates(for: ["lo"], valuesNamed: { _ in [] }) == .words(["logs", "token", "help"]))
        #expect(grammar.candidates(for: ["logs", "fetch", "--f"], valuesNamed: { _ in [] })
            == .words(["--since", "--format", "--output", "--json", "--feed"]))
        #expect(grammar.candidates(for: ["logs", "fetch", "--format", ""], valuesNamed: { _ in [] }) == .words(["ocsf", "raw", "table"]))
        #expect(grammar.candidates(for: ["logs", "fetch", "-o", ""], valuesNamed: { _ in [] }) == .files)
        #expect(grammar.candidates(for: ["logs", "fetch", "--feed", "p"], valuesNamed: { $0 == "feed" ? ["prod"] : [] }) == .words(["prod"]))
        // A repeating positional keeps completing; a flag takes no value.
        #expect(grammar.candidates(for: ["token", "remove", "a", "--verbose", ""], valuesNamed: { $0 == "token" ? ["t1"] : [] }) == .words(["t1"]))
        #expect(grammar.candidates(for: ["help", ""], valuesNamed: { _ in [] }) == .words(["logs", "token"]))
    }
}

@Suite struct LeadingOptionsTests {
    let options = LeadingOptions(valueOptions: ["--home", "-f"], anywhereFlags: ["--quiet", "--verbose"], anywhereValues: ["--home"])
    let grammar = CommandGrammar(dump: CommandGrammarTests.dump)

    @Test func splitsArgvWhereTheCommandBegins() {
        #expect(options.split(["--home", "/h", "--quiet", "logs", "fetch", "--json"]) == (["--home", "/h", "--quiet"], ["logs", "fetch", "--json"]))
        #expect(options.split(["--quiet", "--", "--json"]) == (["--quiet"], ["--json"]))
        #expect(options.split(["-", "x"]) == ([], ["-", "x"]))
    }

    @Test func hoistsOnlyWhatTheCommandDoesNotTakeItself() {
        #expect(options.mentioned(in: ["logs", "fetch", "--home=/h"]))
        #expect(!options.mentioned(in: ["logs", "fetch", "--json"]))
        let (leading, command) = options.hoist(["logs", "fetch", "--quiet", "--since", "--home", "--home", "/h", "--json"], grammar: grammar)
        #expect(leading == ["--quiet", "--home", "/h"])
        // `--home` right after `--since` is its value; `token remove --verbose` is the command's own.
        #expect(command == ["logs", "fetch", "--since", "--home", "--json"])
        #expect(options.hoist(["token", "remove", "--verbose", "--", "--quiet"], grammar: grammar) == ([], ["token", "remove", "--verbose", "--", "--quiet"]))
    }
}
