/// Options that set up a whole run and belong before the command (`cfaccess --home DIR token
/// list`), told apart from the command's words; some may also come after it, as `gh` and
/// `kubectl` allow, when the command has no option of that name itself.
public struct LeadingOptions: Sendable {
    /// Options that take a value, to tell where the leading options end and the command begins.
    public var valueOptions: Set<String>
    /// Flags that may also come after the command.
    public var anywhereFlags: Set<String>
    /// Options with a value that may also come after the command.
    public var anywhereValues: Set<String>

    public init(valueOptions: Set<String>, anywhereFlags: Set<String>, anywhereValues: Set<String>) {
        self.valueOptions = valueOptions
        self.anywhereFlags = anywhereFlags
        self.anywhereValues = anywhereValues
    }

    /// Splits argv into the leading options and the command words.
    public func split(_ arguments: [String]) -> (leading: [String], command: [String]) {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "-" {
            let argument = arguments[index]
            if argument == "--" { return (Array(arguments[..<index]), Array(arguments[(index + 1)...])) }
            if valueOptions.contains(argument) { index += 1 }
            index += 1
        }
        let split = min(index, arguments.count)
        return (Array(arguments[..<split]), Array(arguments[split...]))
    }

    /// Whether any of `words` names an option that may come after the command; only then is
    /// the grammar needed, so starting up does not pay for building it.
    public func mentioned(in words: [String]) -> Bool {
        words.contains { word in
            anywhereFlags.contains(word) || anywhereValues.contains(String(word.split(separator: "=").first ?? ""))
        }
    }

    /// Moves the leading options found among `command`'s words in front of it.
    public func hoist(_ command: [String], grammar: CommandGrammar) -> (leading: [String], command: [String]) {
        let (leaf, start) = grammar.command(for: command)
        var leading: [String] = []
        var rest = Array(command[..<start])
        var index = start
        var expectsValue = false
        while index < command.count {
            let word = command[index]
            let name = String(word.split(separator: "=", maxSplits: 1).first ?? "")
            if word == "--" { rest += command[index...]; break }
            if expectsValue {
                expectsValue = false
            } else if leaf.option(for: name) == nil, anywhereFlags.contains(word) {
                leading.append(word)
                index += 1
                continue
            } else if leaf.option(for: name) == nil, anywhereValues.contains(name) {
                leading.append(word)
                if !word.contains("="), index + 1 < command.count { leading.append(command[index + 1]); index += 1 }
                index += 1
                continue
            } else if let option = leaf.option(for: name) {
                expectsValue = option.takesValue && !word.contains("=")
            }
            rest.append(word)
            index += 1
        }
        return (leading, rest)
    }
}
