import CProcess
import Files
import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// A stretch of input and the mapper that maps it, passed to a worker thread and back.
final class MapBlock: @unchecked Sendable {
    let input: ByteBuffer
    let mapper: OCSFMapper
    fileprivate var isMapped = false

    init(input: ByteBuffer, mapper: OCSFMapper) {
        self.input = input
        self.mapper = mapper
    }
}

/// Threads that map blocks of input side by side and give them back in the order they came.
///
/// A block's mapper is touched by one thread at a time: the submitting thread until `submit`,
/// a worker until it is mapped, the submitting thread again once `next` returns it.
package final class MapWorkers {
    private struct State {
        /// Submitted and not yet taken by a worker.
        var waiting: [MapBlock] = []
        /// Submitted and not yet given back, in submission order.
        var inOrder: [MapBlock] = []
        var closing = false
    }

    private let state = ConditionLock(State())
    private var threads: [pthread_t] = []

    /// Starts up to `count` threads; fewer if the system gives fewer.
    init(count: Int) {
        let state = state
        for _ in 0..<count {
            guard let thread = startThread({ MapWorkers.work(state) }) else { break }
            threads.append(thread)
        }
    }

    deinit {
        state.withLock { $0.closing = true }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// How many threads map; 0 when none could be started.
    var count: Int { threads.count }

    /// Blocks submitted and not yet given back by `next`.
    var inFlight: Int { state.withLock { $0.inOrder.count } }

    func submit(_ block: MapBlock) {
        state.withLock { state in
            state.waiting.append(block)
            state.inOrder.append(block)
        }
    }

    /// Waits for the oldest block submitted to be mapped and gives it back.
    func next() -> MapBlock {
        state.withLock(when: { $0.inOrder.first?.isMapped ?? true }) { $0.inOrder.removeFirst() }
    }

    private static func work(_ state: ConditionLock<State>) {
        while true {
            let next = state.withLock(when: { !$0.waiting.isEmpty || $0.closing }) { state -> MapBlock? in
                state.waiting.isEmpty ? nil : state.waiting.removeFirst()
            }
            guard let block = next else { return }
            block.mapper.feed(UnsafeRawBufferPointer(block.input.bytes))
            state.withLock { _ in block.isMapped = true }
        }
    }

    /// The CPUs this process may run on (`taskset`, cgroup cpusets), at least 1.
    package static var availableCPUs: Int { Int(cfaccess_available_cpus()) }
}
