import Inputs
import Normalizer
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// `--format table`: one line per request for people reading along: time, allowed or denied
/// (coloured on a terminal), user, application, source IP, country and identity provider. Rows
/// are written as pages arrive, so the columns are set once, from the terminal's width: the
/// fixed ones first, the rest shared out, and a value too long for its column cut with `…` —
/// except a source IP, which is never cut (an address cut short is another address): a longer
/// one takes its room from the identity provider's, the application's and the user's columns,
/// and on a terminal too narrow even for that the line runs long rather than cut it. Off a terminal every column takes
/// its natural width and nothing is cut.
final class FetchTable: RecordTally {
    private struct Column {
        var title: String
        /// Room the column would like, and the least it is given on a narrow terminal.
        var natural: Int
        var least: Int
    }

    private static let columns = [
        Column(title: "TIME", natural: 24, least: 24), Column(title: "RESULT", natural: 7, least: 7),
        Column(title: "USER", natural: 30, least: 8), Column(title: "APPLICATION", natural: 28, least: 8),
        Column(title: "SOURCE IP", natural: 39, least: 11), Column(title: "CC", natural: 2, least: 2),
        Column(title: "IDP", natural: 16, least: 4),
    ]

    private let widths: [Int]
    /// Rows go to a terminal: cut to fit, the result coloured.
    private let onTerminal: Bool
    private let reader = OCSFMapper(options: MapOptions())
    private var row = ""

    /// `terminalWidth` nil: not a terminal.
    init(terminalWidth: Int?) {
        onTerminal = terminalWidth != nil
        widths = FetchTable.widths(for: terminalWidth)
        reader.tally = self
    }

    /// The columns' widths on a terminal: the flexible ones (user, application, source IP,
    /// identity provider) share what the fixed ones leave, in proportion to their natural
    /// widths, never under their least and never over 48.
    static func widths(for terminal: Int?) -> [Int] {
        let natural = columns.map(\.natural)
        guard let terminal else { return natural }
        // The last column stops short of the edge: a full line would wrap on some terminals.
        let room = terminal - 1 - 2 * (columns.count - 1)
        let flexible = columns.indices.filter { columns[$0].natural != columns[$0].least }
        let fixed = room - columns.indices.filter { !flexible.contains($0) }.map { columns[$0].natural }.reduce(0, +)
        let wanted = flexible.map { columns[$0].natural }.reduce(0, +)
        var widths = natural
        for index in flexible { widths[index] = min(48, max(columns[index].least, columns[index].natural * fixed / wanted)) }
        // Rounding and the least widths may overshoot: take it back from the widest, down to their least.
        while widths.reduce(0, +) > room, let widest = flexible.filter({ widths[$0] > columns[$0].least }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        return widths
    }

    /// The terminal's columns on `descriptor`, or nil when it is not a terminal.
    static func terminalWidth(of descriptor: Int32) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    var header: String { line(FetchTable.columns.map(\.title), result: nil) }

    /// The row of one record; a record that cannot be read says so where the user would be.
    func row(_ record: ArraySlice<UInt8>) -> String {
        row = ""
        return reader.tally(record: record) ? row : line(["-", "-", "(not an access request)", "-", "-", "-", "-"], result: nil)
    }

    func add(_ facts: RecordFacts) {
        let result = facts.allowed.map { $0 ? "allowed" : "denied" } ?? "-"
        row = line([TimeInput(milliseconds: facts.time).rfc3339, result, facts.string(\.email) ?? facts.string(\.userID) ?? "-",
                    facts.string(\.appDomain) ?? facts.string(\.appUID) ?? "-", facts.string(\.ip) ?? "-",
                    facts.string(\.country) ?? "-", facts.string(\.idp) ?? "-"], result: facts.allowed)
    }

    private static let ipColumn = 4
    /// Whose room a long address takes, first to last.
    private static let lenders = [6, 3, 2]

    private func line(_ cells: [String], result: Bool?) -> String {
        var text = ""
        let cells = cells.map(Console.visible)
        var widths = self.widths
        if onTerminal, cells.count > FetchTable.ipColumn {
            var excess = cells[FetchTable.ipColumn].count - widths[FetchTable.ipColumn]
            for lender in FetchTable.lenders where excess > 0 {
                let lent = min(excess, widths[lender] - 1)
                widths[lender] -= lent
                widths[FetchTable.ipColumn] += lent
                excess -= lent
            }
        }
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            let cut = cell.count > width && onTerminal && index != FetchTable.ipColumn
            var shown = cut ? String(cell.prefix(width - 1)) + "…" : cell
            let padding = index == cells.count - 1 ? 0 : max(0, width - shown.count) + 2
            if index == 1, let result { shown = Console.paint(shown, result ? .green : .red, on: 1) }
            text += shown + String(repeating: " ", count: padding)
        }
        return text + "\n"
    }
}
