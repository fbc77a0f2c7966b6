extension CommandGrammar {
    /// What may complete the last of `words` (the partial word under the cursor): a subcommand,
    /// a long option, or a value. `valuesNamed` offers the values of an argument the grammar
    /// cannot list itself (`feed`, `token`), by its value name.
    public func candidates(for words: [String], valuesNamed: (String) -> [String]) -> CompletionCandidates {
        var command = root
        var pendingOption: Argument?
        var position = 0
        let partial = words.last ?? ""
        for word in words.dropLast() {
            if pendingOption != nil { pendingOption = nil; continue }
            if word.hasPrefix("-") {
                if let option = command.option(for: word), option.takesValue, !word.contains("=") { pendingOption = option }
                continue
            }
            if position == 0, let subcommand = command.subcommand(named: word) {
                command = subcommand
                continue
            }
            if command.name == "help" { continue }
            position += 1
        }
        func values(_ argument: Argument) -> CompletionCandidates {
            if let values = argument.values { return .words(values) }
            if argument.completesFiles { return .files }
            return .words(argument.valueName.map(valuesNamed) ?? [])
        }
        if let pendingOption { return values(pendingOption) }
        if partial.hasPrefix("-") { return .words(command.options.flatMap(\.names).filter { $0.hasPrefix("--") }) }
        if command.name == "help" || (!command.subcommands.isEmpty && position == 0) {
            let list = command.name == "help" ? root.subcommands : command.subcommands
            return .words(list.map(\.name).filter { $0 != "help" } + (command.name == "help" ? [] : ["help"]))
        }
        let positional = position < command.positionals.count ? command.positionals[position]
            : command.positionals.last.flatMap { $0.isRepeating ? $0 : nil }
        return positional.map(values) ?? .words([])
    }
}
