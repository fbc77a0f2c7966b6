import Mapping
import Shell
import Voice

extension MapJob {
    /// Runs the job in the project's voice: its progress on the terminal's live line, its
    /// diagnostics and closing counts on stderr under `verb`, Ctrl-C as exit 130.
    func runSpeaking(_ verb: String, quiet: Bool) throws(CommandFailure) {
        let progress = ProgressLine(quiet: quiet)
        self.verb = verb
        self.progress = { progress.update($0) }
        clearProgress = { progress.clear() }
        diagnostics = { Console.writeError($0) }
        status = { Console.status(verb, $0) }
        error = { Console.error($0) }
        do throws(MapFailure) {
            try run()
        } catch {
            if error.kind == .interrupted { Interrupt.clear() }
            throw error.failure
        }
    }
}
