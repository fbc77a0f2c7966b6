/// A piece of input that did not become an event, kept so nothing is silently dropped.
package struct Rejection: Sendable, Equatable {
    /// 1-based line of the input where the rejected text starts.
    package var line: Int
    /// Why, in the words `FILE:LINE: reason` prints.
    package var reason: String
    /// The rejected text exactly as it was in the input.
    package var text: [UInt8]
    /// This text goes on the previous rejection's (a value over `OCSFMapper.valueLimit` is
    /// handed over in parts): no `FILE:LINE` line and no count of its own.
    package var isPart = false
    /// More of this value's text follows in later parts: no line break after it yet.
    package var continues = false

    package init(line: Int, reason: String, text: [UInt8], isPart: Bool = false, continues: Bool = false) {
        self.line = line
        self.reason = reason
        self.text = text
        self.isPart = isPart
        self.continues = continues
    }
}
