import Voice

extension MapFailure {
    /// The exit code DESIGN.md §4 gives this failure.
    package var failure: CommandFailure {
        let status: ExitStatus = switch kind {
        case .usage: .usage
        case .noInput: .noInput
        case .dataError: .dataError
        case .cannotCreate: .cannotCreate
        case .unsafeOutput: .permission
        case .ioError: .ioError
        case .interrupted: .interrupted
        }
        return message.isEmpty ? .alreadyReported(status) : CommandFailure(status, message, hint: hint)
    }
}

/// Runs a `Mapping` call and turns its error into the command-line failure.
package func mappingCall<Result>(_ body: () throws(MapFailure) -> Result) throws(CommandFailure) -> Result {
    do { return try body() } catch { throw error.failure }
}
