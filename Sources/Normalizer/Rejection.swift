/// A piece of input that did not become an event, kept so nothing is silently dropped.
package struct Rejection: Sendable, Equatable {
    /// 1-based line of the input where the rejected text starts.
    package var line: Int
    /// Why, in the words `FILE:LINE: reason` prints.
    package var reason: String
    /// The rejected text exactly as it was in the input.
    package var text: [UInt8]

    package init(line: Int, reason: String, text: [UInt8]) {
        self.line = line
        self.reason = reason
        self.text = text
    }
}
