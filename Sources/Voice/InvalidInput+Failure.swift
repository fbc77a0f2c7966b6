import Inputs

extension InvalidInput {
    /// A refused value is a usage error (exit 64), with its hint.
    package var failure: CommandFailure { CommandFailure(.usage, message, hint: hint) }
}

/// Parses a value where it enters; a refusal becomes the usage error that names it.
package func parsed<Value>(_ parse: () throws(InvalidInput) -> Value) throws(CommandFailure) -> Value {
    do { return try parse() } catch { throw error.failure }
}
