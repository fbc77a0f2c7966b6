#if canImport(Glibc)
import Glibc
#endif

/// Where cfaccess keeps its files (DESIGN.md §3): everything under `--home` or `CFACCESS_HOME`
/// when given, otherwise data under `${XDG_DATA_HOME:-~/.local/share}/cfaccess` and history
/// under `${XDG_STATE_HOME:-~/.local/state}/cfaccess`.
struct StatePaths {
    let dataDirectory: String
    let historyDirectory: String

    init(home: String?) {
        if let home = home ?? StatePaths.environment("CFACCESS_HOME") {
            dataDirectory = home
            historyDirectory = home
        } else {
            let user = StatePaths.environment("HOME") ?? "."
            dataDirectory = (StatePaths.environment("XDG_DATA_HOME") ?? user + "/.local/share") + "/cfaccess"
            historyDirectory = (StatePaths.environment("XDG_STATE_HOME") ?? user + "/.local/state") + "/cfaccess"
        }
    }

    var history: String { historyDirectory + "/history" }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
