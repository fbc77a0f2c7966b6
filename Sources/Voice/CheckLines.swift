/// The verdict lines of `token check-scopes` and `storage check`: one line per step, its outcome
/// coloured on a terminal, then the steps to fix a failure.
package enum CheckLines {
    package enum Outcome: String, Sendable { case pass, warning, fail, skip }

    package struct Line: Sendable {
        package var outcome: Outcome
        package var name: String
        package var detail: String
        package var remediation: [String]

        package init(_ outcome: Outcome, _ name: String, _ detail: String, remediation: [String] = []) {
            self.outcome = outcome
            self.name = name
            self.detail = detail
            self.remediation = remediation
        }
    }

    /// `pass    verify     user token …`, names padded to `width`, each fix on its own `→` line.
    package static func render(_ lines: [Line], width: Int) -> String {
        var out: [String] = []
        for line in lines {
            let colour: Console.Colour = switch line.outcome {
            case .pass: .green
            case .fail: .red
            case .warning: .yellow
            case .skip: .cyan
            }
            let name = line.name.count >= width ? line.name + " " : line.name + String(repeating: " ", count: width - line.name.count)
            out.append(Console.paint(line.outcome.rawValue, colour, on: 1) + String(repeating: " ", count: 8 - line.outcome.rawValue.count) + name + line.detail)
            for step in line.remediation { out.append(String(repeating: " ", count: 8 + width) + "→ \(step)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
