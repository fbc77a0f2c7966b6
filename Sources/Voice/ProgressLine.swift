#if canImport(Glibc)
import Glibc
#endif

/// A live status line on stderr while a long command runs (records, pages, rate, how far into
/// the window), redrawn at most five times a second and erased when done. Only on a terminal,
/// never with `--quiet` or JSON logs: pipes and files get nothing of it.
package final class ProgressLine {
    package let isShown: Bool
    private var lastDrawn = 0.0
    private var drawn = false

    package init(quiet: Bool) {
        isShown = isatty(2) == 1 && !quiet && !Console.logsJSON
    }

    /// Redraws the line with `text()` if enough time has passed.
    package func update(_ text: () -> String) {
        guard isShown else { return }
        let now = ProgressLine.now()
        guard now - lastDrawn >= 0.2 else { return }
        lastDrawn = now
        drawn = true
        Console.writeError("\r\u{1B}[K" + text())
    }

    /// Erases the line, so what follows starts on a clean one.
    package func clear() {
        guard drawn else { return }
        drawn = false
        Console.writeError("\r\u{1B}[K")
    }

    package static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension Int {
    /// `1 record`, `2 records`: a count with its noun.
    package func counted(_ singular: String, _ plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}
