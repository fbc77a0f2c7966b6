import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C, turned into a flag that the prompt and long-running commands poll.
///
/// The handler is installed without `SA_RESTART`, so a blocked `read` returns `EINTR` and the
/// line editor hands back control instead of the process dying with its history unsaved.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Installs the SIGINT handler; call once at start. SIGINT is also unblocked, in case the
    /// parent process left it blocked: Ctrl-C must always reach a running command.
    public static func install() {
        handle(SIGINT, restart: false) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    }

    /// Treats SIGTERM like Ctrl-C, for long-running loops (`feed run --follow`) that a service
    /// manager stops: they finish the page at hand and checkpoint instead of dying mid-write.
    public static func catchTermination() {
        handle(SIGTERM, restart: false) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    }

    private static let hangup = Atomic<Bool>(false)

    /// Turns SIGHUP into a request to re-read configuration (`feed run --follow`), as daemons do.
    public static func catchHangup() {
        handle(SIGHUP, restart: true) { _ in Interrupt.hangup.store(true, ordering: .relaxed) }
    }

    /// Whether SIGHUP came since the last call.
    public static func takeHangup() -> Bool { hangup.exchange(false, ordering: .relaxed) }

    /// Unblocks `signal` and sets `handler` for it, with `SA_RESTART` only when asked: without it
    /// a blocked read returns `EINTR`, which is how a stop reaches the code waiting in it.
    private static func handle(_ signal: Int32, restart: Bool, _ handler: @convention(c) (Int32) -> Void) {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signal)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = restart ? SA_RESTART : 0
        sigaction(signal, &action, nil)
    }

    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    public static func clear() { flag.store(false, ordering: .relaxed) }
}
