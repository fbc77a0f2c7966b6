/// Left-aligned columns separated by two spaces; cells come from records, stores and files, so
/// their control characters are written out (`Console.visible`).
package enum Table {
    package static func render(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(Console.visible) }
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.enumerated().map { number, row in
            let line = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
            // The header row stands out on a terminal.
            return number == 0 ? Console.paint(line, .bold, on: 1) : line
        }.joined(separator: "\n") + "\n"
    }
}
