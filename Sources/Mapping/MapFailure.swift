/// Why mapping stopped or failed, with what the command line makes of it (its exit status).
package struct MapFailure: Error, Sendable {
    package enum Kind: Sendable, Equatable {
        /// The output is also an input.
        case usage
        /// An input is missing or unreadable.
        case noInput
        /// Rejected records, or damaged compressed input.
        case dataError
        /// An output cannot be created.
        case cannotCreate
        /// An output is a link, a FIFO, or a file someone else owns or may write.
        case unsafeOutput
        /// A read or write failed.
        case ioError
        /// Ctrl-C.
        case interrupted
    }

    package var kind: Kind
    /// Lowercase, no final period, user values quoted; empty when it was already said.
    package var message: String
    package var hint: String?

    package init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }
}
