import Foundation
import Testing
@testable import Mapping

@Suite struct FetchTableTests {
    static let record = ArraySlice(Array((#"{"user_email":"someone.with.a.long.name@department.example.com","allowed":false,"#
        + #""app_domain":"wiki.example.com/admin","country":"de","ip_address":"2001:db8:1234:5678::1","connection":"google-apps","#
        + #""created_at":"2025-07-01T00:00:00Z"}"#).utf8))

    @Test(arguments: [80, 100, 120, 200])
    func everyLineFitsTheTerminal(_ width: Int) {
        let table = FetchTable(terminalWidth: width)
        for line in [table.header, table.row(Self.record)] {
            #expect(line.count - 1 < width, "\(line)")
        }
        #expect(FetchTable.widths(for: width).reduce(0, +) + 12 <= width - 1)
    }

    @Test func offATerminalNothingIsCut() {
        let row = FetchTable(terminalWidth: nil).row(Self.record)
        for value in ["2025-07-01T00:00:00.000Z", "denied", "someone.with.a.long.name@department.example.com", "wiki.example.com/admin",
                      "2001:db8:1234:5678::1", "DE", "google-apps"] {
            #expect(row.contains(value), "\(value)")
        }
        #expect(FetchTable(terminalWidth: nil).row(ArraySlice(Array("[1]".utf8))).contains("(not an access request)"))
    }

    /// An address is never cut, however narrow the terminal: the longest IPv6 form included.
    @Test(arguments: [80, 100, 120])
    func sourceAddressesAreNeverCut(_ width: Int) {
        let longest = "2001:0db8:85a3:0000:0000:8a2e:0370:7334"
        let record = ArraySlice(Array(String(decoding: Self.record, as: UTF8.self).replacingOccurrences(of: "2001:db8:1234:5678::1", with: longest).utf8))
        let row = FetchTable(terminalWidth: width).row(record)
        #expect(row.contains(longest), "\(row)")
        // Its room is borrowed from the other columns where there is any to borrow.
        #expect(row.count - 1 < width || width == 80, "\(row)")
    }

    @Test func aNarrowTerminalCutsWithAnEllipsis() {
        let row = FetchTable(terminalWidth: 80).row(Self.record)
        #expect(row.contains("…"))
        #expect(row.hasPrefix("2025-07-01T00:00:00.000Z  denied"))
    }

    /// A value holding terminal escapes reaches the row written out, never raw.
    @Test func controlCharactersAreWrittenOut() {
        let record = ArraySlice(Array(#"{"user_email":"\u001b]0;owned\u0007x@example.com","app_domain":"\u001b[31mred.example.com","allowed":true,"created_at":"2025-07-01T00:00:00Z"}"#.utf8))
        for width in [nil, 200] {
            let row = FetchTable(terminalWidth: width).row(record)
            #expect(!row.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(row)")
            #expect(row.contains("\\u{1B}[31mred.example.com") || width != nil, "\(row)")
        }
    }
}
