#if canImport(Glibc)
import Glibc
#endif

/// Starts `body` on a new thread, which the caller joins or detaches; `nil` when the system has
/// no thread to give (the caller then does the work itself).
///
/// The thread never takes Ctrl-C, a hangup or a termination request: those go to the thread
/// that started it, whose blocking reads they must interrupt. `SIGPIPE` stays open, so output
/// into a closed pipe (`| head`) ends the process quietly as it always has.
package func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var blocked = sigset_t()
    var previous = sigset_t()
    sigfillset(&blocked)
    for signal in [SIGPIPE, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS] { sigdelset(&blocked, signal) }
    // A new thread inherits the mask of the one creating it.
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    var thread = pthread_t()
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    let status = pthread_create(&thread, nil, { context in
        Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
        return nil
    }, context)
    guard status == 0 else {
        Unmanaged<Box>.fromOpaque(context).release()
        return nil
    }
    return thread
}
