@preconcurrency import CEdit
#if canImport(Glibc)
import Glibc
#endif

/// The interactive line reader: libedit's readline interface with emacs bindings, history
/// recall, reverse search (Ctrl-R) and tab completion from a `CompletionProvider`.
public final class EditLineReader: LineReader {
    /// libedit calls completion through C function pointers that cannot capture context, so the
    /// one interactive reader of the process is reachable from them through this slot. Only the
    /// shell's own thread touches it.
    nonisolated(unsafe) private static var active: EditLineReader?

    private let completion: CompletionProvider?
    private let variables: (String) -> String?
    private var candidates: [String] = []
    public private(set) var linesRead = 0
    private var nextCandidate = 0

    public init(completion: CompletionProvider?, variables: @escaping (String) -> String?) {
        self.completion = completion
        self.variables = variables
        EditLineReader.active = self
        rl_attempted_completion_function = { text, start, end in
            EditLineReader.active?.complete(text: text, end: end)
        }
        // Without a UTF-8 character type libedit drops every non-ASCII key.
        if let current = setlocale(LC_CTYPE, ""), !String(cString: current).uppercased().contains("UTF") {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Loads entries for Up/Down recall and Ctrl-R.
    public func addHistory(_ entries: [String]) {
        for entry in entries { add_history(entry) }
    }

    public func addHistory(_ entry: String) { add_history(entry) }

    public func readLine(prompt: String) -> LineReadResult {
        Interrupt.clear()
        guard let raw = readline(prompt) else {
            if Interrupt.isRequested {
                Interrupt.clear()
                writeNewline()
                return .interrupted
            }
            writeNewline()
            return .end
        }
        defer { free(raw) }
        if Interrupt.isRequested {
            Interrupt.clear()
            return .interrupted
        }
        linesRead += 1
        return .line(String(cString: raw))
    }

    private func writeNewline() {
        var newline: UInt8 = 0x0A
        _ = write(1, &newline, 1)
    }

    private func complete(text: UnsafePointer<CChar>?, end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        rl_completion_append_character = 0x20
        guard let completion, let buffer = rl_line_buffer else { return nil }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(end))
        let line = String(decoding: bytes, as: UTF8.self)
        let words = ShellWords.splitForCompletion(line, lookup: variables)
        switch completion.candidates(for: words) {
        case .files:
            candidates = EditLineReader.paths(completing: text.map { String(cString: $0) } ?? "")
            nextCandidate = 0
            guard !candidates.isEmpty else { return nil }
            // A directory is completed with its slash and no space, so the next Tab goes inside it.
            if candidates.count == 1, candidates[0].hasSuffix("/") { rl_completion_append_character = 0 }
            return offerCandidates(text)
        case .words(let list):
            let partial = words.last ?? ""
            candidates = list.filter { $0.hasPrefix(partial) }.sorted()
            nextCandidate = 0
            guard !candidates.isEmpty else { return nil }
            return offerCandidates(text)
        }
    }

    /// Hands `candidates` to libedit one at a time, as its generator protocol asks.
    private func offerCandidates(_ text: UnsafePointer<CChar>?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_completion_matches(text) { _, state in
            guard let reader = EditLineReader.active else { return nil }
            if state == 0 { reader.nextCandidate = 0 }
            guard reader.nextCandidate < reader.candidates.count else { return nil }
            defer { reader.nextCandidate += 1 }
            return strdup(reader.candidates[reader.nextCandidate])
        }
    }

    /// Paths that start with `partial`, directories with a trailing slash; hidden entries only
    /// when the partial name starts with a dot.
    static func paths(completing partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let directory = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        guard let handle = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(handle) }
        var found: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", name.hasPrefix(prefix), !name.hasPrefix(".") || prefix.hasPrefix(".") else { continue }
            var info = stat()
            let isDirectory = stat(directory + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            found.append(directory + name + (isDirectory ? "/" : ""))
        }
        return found.sorted()
    }
}
