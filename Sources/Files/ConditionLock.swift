#if canImport(Glibc)
import Glibc
#endif

/// State shared by threads that hand work to each other and wait for it: a mutex with a
/// condition variable (Synchronization's `Mutex` cannot wait for a condition). Every change
/// wakes every waiter; the few threads that share one of these make that cheap.
package final class ConditionLock<State>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var state: State

    package init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Waits until `ready` holds, then runs `body` on the state and wakes the other threads.
    package func withLock<Result>(
        when ready: (State) -> Bool = { _ in true }, _ body: (inout State) -> Result
    ) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !ready(state) { pthread_cond_wait(condition, mutex) }
        let result = body(&state)
        pthread_cond_broadcast(condition)
        return result
    }
}
