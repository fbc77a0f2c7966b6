#if canImport(Glibc)
import Glibc
#endif

/// A buffer a `BackgroundWriter` can take over, write, and give back to be filled again.
package protocol WriterBlock: AnyObject, SendableMetatype {
    init(capacity: Int)
    /// The bytes to write.
    var writableBytes: UnsafeRawBufferPointer { get }
    /// Empties the block, keeping its storage.
    func removeAll()
    /// Trades contents and storage with `other`, so handing bytes over copies none of them.
    func exchange(with other: Self)
}

/// Writes blocks to a descriptor on a thread of its own, in the order they were handed over,
/// so the thread producing them never waits for the kernel to copy them.
///
/// Written blocks come back as the storage for the next ones, and no more than `depth + 1` are
/// ever made (waiting or being written; the producer waits for one beyond that), so memory stays
/// a few blocks whatever the volume. The first failed write is kept and thrown by the next `write` or `flush`; nothing after it
/// is written, so a file never gets bytes past a gap.
package final class BackgroundWriter<Block: WriterBlock> {
    private let shared: Shared
    private let depth: Int
    /// Started by the first write: a writer that is never given anything costs no thread.
    private var thread: pthread_t?
    private var started = false

    private struct State {
        var queue: [Block] = []
        var spare: [Block] = []
        /// Blocks the writer has made; with the producer's own, all there will ever be.
        var made = 0
        var writing = false
        var closing = false
        var failure: SystemErrno?
    }

    /// What the writing thread holds: not the writer, so dropping the writer stops the thread.
    private final class Shared: @unchecked Sendable {
        let descriptor: Int32
        let state = ConditionLock(State())
        init(descriptor: Int32) { self.descriptor = descriptor }

        /// The writing thread: writes blocks in order until the writer closes.
        func drain() {
            while true {
                let next = state.withLock(when: { !$0.queue.isEmpty || $0.closing }) { state -> (Block, failed: Bool)? in
                    guard !state.queue.isEmpty else { return nil }
                    state.writing = true
                    return (state.queue.removeFirst(), state.failure != nil)
                }
                guard let (block, failed) = next else { return }
                var failure: SystemErrno?
                if !failed, case .failure(let error) = PrivateFile.writeAll(descriptor, block.writableBytes) {
                    failure = error
                }
                block.removeAll()
                state.withLock { state in
                    state.writing = false
                    state.failure = state.failure ?? failure
                    state.spare.append(block)
                }
            }
        }
    }

    /// Writes to `descriptor`, which stays the caller's to close after `close()`.
    package init(descriptor: Int32, depth: Int = 2) {
        shared = Shared(descriptor: descriptor)
        self.depth = max(depth, 1)
    }

    deinit { close() }

    /// Hands the contents of `buffer` to the writing thread and leaves `buffer` empty, holding
    /// the storage of a block already written (or a new one's, while fewer than `depth + 1` exist).
    package func write(takingContentsOf buffer: Block) throws(SystemErrno) {
        guard !buffer.writableBytes.isEmpty else { return }
        if !started {
            started = true
            let shared = shared
            thread = startThread { shared.drain() }
        }
        guard thread != nil else {
            // No thread to be had (or closed): write here, in order all the same.
            if let failure = shared.state.withLock({ $0.failure }) { throw failure }
            if case .failure(let failure) = PrivateFile.writeAll(shared.descriptor, buffer.writableBytes) { throw failure }
            buffer.removeAll()
            return
        }
        // `depth` blocks waiting and one being written: a new block is made only below that.
        let limit = depth + 1
        let taken = shared.state.withLock(when: { !$0.spare.isEmpty || $0.made < limit || $0.failure != nil }) { state -> Result<Block?, SystemErrno> in
            if let failure = state.failure { return .failure(failure) }
            if let block = state.spare.popLast() { return .success(block) }
            state.made += 1
            return .success(nil)
        }
        // A new block's storage goes straight back to the producer, so it starts empty.
        let block = try taken.get() ?? Block(capacity: 0)
        block.exchange(with: buffer)
        shared.state.withLock { $0.queue.append(block) }
    }

    /// Waits until every block handed over is written.
    package func flush() throws(SystemErrno) {
        let failure = shared.state.withLock(when: { $0.queue.isEmpty && !$0.writing }) { $0.failure }
        if let failure { throw failure }
    }

    /// Writes what is waiting and stops the thread; later writes happen on the caller's thread.
    package func close() {
        started = true
        guard let thread else { return }
        shared.state.withLock { $0.closing = true }
        pthread_join(thread, nil)
        self.thread = nil
    }
}
