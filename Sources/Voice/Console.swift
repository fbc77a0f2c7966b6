import Files
import Inputs
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one place that writes to the terminal streams, in the one voice of DESIGN.md §4:
/// `cfaccess: error: …` and `cfaccess: hint: …` on stderr, data alone on stdout.
package enum Console {
    private static let currentLocation = Mutex<String?>(nil)
    private static let jsonLines = Atomic<Bool>(false)
    private static let colourAllowed = Atomic<Bool>(true)
    private static let quietFlag = Atomic<Bool>(false)

    /// `--quiet`: status lines and informational log events are not written; warnings and
    /// errors always are.
    package static var quiet: Bool {
        get { quietFlag.load(ordering: .relaxed) }
        set { quietFlag.store(newValue, ordering: .relaxed) }
    }

    /// `--no-color` or a non-empty `NO_COLOR` turn colour off; it is only ever used on a terminal.
    package static var allowsColour: Bool {
        get { colourAllowed.load(ordering: .relaxed) }
        set { colourAllowed.store(newValue, ordering: .relaxed) }
    }

    /// SGR codes cfaccess uses.
    package enum Colour: String {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1"
    }

    /// `text` in `colour` when `descriptor` is a terminal and colour is allowed; as it is otherwise.
    package static func paint(_ text: String, _ colour: Colour, on descriptor: Int32) -> String {
        guard allowsColour, !logsJSON, isatty(descriptor) == 1 else { return text }
        return "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m"
    }

    /// `--log-format json`: every diagnostic is one JSON object per line on stderr.
    package static var logsJSON: Bool {
        get { jsonLines.load(ordering: .relaxed) }
        set { jsonLines.store(newValue, ordering: .relaxed) }
    }

    /// `FILE:LINE` of the script line running now, named in every error it causes.
    package static var location: String? {
        get { currentLocation.withLock { $0 } }
        set { currentLocation.withLock { $0 = newValue } }
    }

    private static var prefix: String {
        location.map { "cfaccess: \($0): " } ?? "cfaccess: "
    }

    package static func error(_ message: String, hint: String? = nil) {
        if logsJSON { return log(level: "error", event: "error", message: message, fields: hint.map { [("hint", $0)] } ?? []) }
        writeError("\(prefix)\(paint("error:", .red, on: 2)) \(shown(message))\n")
        if let hint { writeError("cfaccess: \(paint("hint:", .cyan, on: 2)) \(shown(hint))\n") }
    }

    package static func warning(_ message: String) {
        if logsJSON { return log(level: "warning", event: "warning", message: message) }
        writeError("\(prefix)\(paint("warning:", .yellow, on: 2)) \(shown(message))\n")
    }

    /// One event of a long-running command: `cfaccess: feed: MESSAGE` as text, or a JSON object
    /// with `time`, `level`, `feed` (when there is one), `event`, `message` and the fields.
    package static func log(level: String, event: String, feed: String? = nil, message: String, fields: [(String, String)] = []) {
        if quiet && level == "info" { return }
        guard logsJSON else {
            switch level {
            case "error": error((feed.map { "feed '\($0)': " } ?? "") + message, hint: fields.first { $0.0 == "hint" }?.1)
            case "warning": warning((feed.map { "feed '\($0)': " } ?? "") + message)
            case _ where event == "http": status("http", (feed.map { "\($0): " } ?? "") + message)
            default: status(feed == nil ? event : "feed", message)
            }
            return
        }
        var pairs: [(String, String)] = [("time", TimeInput(milliseconds: TimeInput.nowMilliseconds()).rfc3339), ("level", level)]
        if let feed { pairs.append(("feed", feed)) }
        pairs.append(("event", event))
        if let location { pairs.append(("location", location)) }
        pairs.append(("message", scrubbed(message)))
        pairs += fields.map { ($0.0, scrubbed($0.1)) }
        writeError("{" + pairs.map { "\(jsonString($0.0)):\(jsonValue($0.1, of: $0.0))" }.joined(separator: ",") + "}\n")
    }

    /// The fields of a JSON log line that are counts: written as JSON numbers, so a log
    /// pipeline can sum and compare them without parsing strings.
    package static let countFields: Set<String> = ["bytes", "commit", "failures", "limit", "page", "pages", "records", "rejects", "retries", "runs", "total"]

    private static func jsonValue(_ value: String, of field: String) -> String {
        countFields.contains(field) && Int(value) != nil ? value : jsonString(value)
    }

    /// A JSON string literal.
    package static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A last line of defence: a diagnostic that quotes user input (an unknown command, a file
    /// name) never shows anything shaped like a credential.
    package static func scrubbed(_ text: String) -> String {
        guard text.contains(where: { $0 == "_" || $0 == "/" || $0 == "+" || $0.isNumber }) else { return text }
        var output = ""
        var word = ""
        func flush() {
            output += CredentialShape.matches(word) ? "<redacted>" : word
            word = ""
        }
        for character in text {
            if character == " " || character == "'" || character == "\"" || character == "=" || character == "\n" {
                flush()
                output.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return output
    }

    /// A status line of a command, e.g. `cfaccess: map: 3 records read, …`.
    package static func status(_ command: String, _ message: String) {
        if quiet { return }
        if logsJSON { return log(level: "info", event: command, message: message) }
        writeError("cfaccess: \(command): \(shown(message))\n")
    }

    /// A diagnostic as it may reach a terminal: scrubbed of credentials, and with control
    /// characters (ESC, BEL, CR, C1 codes…) written as `\u{1B}`, so text from a server or a
    /// file can never move the cursor, retitle the window or hide what precedes it.
    package static func shown(_ text: String) -> String { visible(scrubbed(text)) }

    /// `text` with its control characters written as `\u{1B}`: how a table cell (an e-mail, a
    /// domain from a record) reaches a terminal.
    package static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    package static func writeError(_ text: String) { write(text, to: 2) }

    package static func writeOutput(_ text: String) { write(text, to: 1) }

    /// Every byte, or as many as the stream takes (a closed pipe ends the process anyway).
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { _ = PrivateFile.writeAll(descriptor, UnsafeRawBufferPointer($0)) }
    }
}
