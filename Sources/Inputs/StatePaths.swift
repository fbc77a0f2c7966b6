/// Where cfaccess keeps its files (DESIGN.md §3): everything under `--home` or `CFACCESS_HOME`
/// when given, otherwise data under `${XDG_DATA_HOME:-~/.local/share}/cfaccess` and history
/// under `${XDG_STATE_HOME:-~/.local/state}/cfaccess`.
package struct StatePaths: Sendable {
    package let dataDirectory: String
    package let historyDirectory: String

    package init(home: String?) {
        if let home = home ?? Environment.value("CFACCESS_HOME") {
            dataDirectory = home
            historyDirectory = home
        } else {
            let user = Environment.value("HOME") ?? "."
            dataDirectory = (Environment.value("XDG_DATA_HOME") ?? user + "/.local/share") + "/cfaccess"
            historyDirectory = (Environment.value("XDG_STATE_HOME") ?? user + "/.local/state") + "/cfaccess"
        }
    }

    package var history: String { historyDirectory + "/history" }
}
