/// Process exit codes, from `sysexits.h` (DESIGN.md §4).
package enum ExitStatus: Int32, Sendable {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cannotCreate = 73
    case ioError = 74
    case temporaryFailure = 75
    case permission = 77
    case configuration = 78
    case interrupted = 130
}

/// A command that cannot go on: what went wrong, the exit code, and what to do about it.
package struct CommandFailure: Error, Sendable {
    package var status: ExitStatus
    /// Lowercase, no final period, user values quoted.
    package var message: String
    package var hint: String?

    package init(_ status: ExitStatus, _ message: String, hint: String? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
    }

    /// Ends the command with `status` after it has already said why on stderr.
    package static func alreadyReported(_ status: ExitStatus) -> CommandFailure {
        CommandFailure(status, "")
    }
}
