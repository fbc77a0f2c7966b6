/// A growable run of bytes with stable, unchecked access for the hot path.
///
/// `[UInt8]` would do, but every append through it pays for uniqueness and bounds checks;
/// the normalizer appends a few dozen fragments per event at hundreds of thousands of events
/// a second, so it writes through a raw pointer it owns instead.
package final class ByteBuffer {
    package private(set) var base: UnsafeMutablePointer<UInt8>
    package private(set) var count = 0
    package private(set) var capacity: Int

    package init(capacity: Int = 64 * 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    package var isEmpty: Bool { count == 0 }

    /// The bytes written so far; valid until the next mutation.
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    package func removeAll() { count = 0 }

    /// Trades bytes and storage with `other`: hands a full buffer over without copying it.
    package func exchange(with other: ByteBuffer) {
        swap(&base, &other.base)
        swap(&count, &other.count)
        swap(&capacity, &other.capacity)
    }

    /// Makes room for `extra` more bytes, doubling so appends stay amortised O(1).
    @inline(__always)
    package func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Gives back memory after an unusually large document, so one big input does not pin it.
    package func shrink(to limit: Int) {
        guard capacity > limit, count <= limit else { return }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: limit)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = limit
    }

    @inline(__always)
    package func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    package func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (base + count).update(from: source, count: n)
        count += n
    }

    @inline(__always)
    package func append(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, count: bytes.count)
    }

    /// Writes a decimal integer without going through `String`.
    package func appendDecimal(_ value: Int64) {
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[length] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                length += 1
            } while magnitude != 0
            for index in 0..<length { base[count + index] = scratch[length - 1 - index] }
        }
        count += length
    }

    /// Lets `body` write up to `limit` bytes after the current ones and keeps the count it returns.
    package func append<Failure: Error>(
        upTo limit: Int, _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Int
    ) throws(Failure) {
        reserve(limit)
        let written = try body(UnsafeMutableRawBufferPointer(start: base + count, count: limit))
        count += min(max(written, 0), limit)
    }

    /// Drops the last `n` bytes.
    package func removeLast(_ n: Int) {
        count -= min(max(n, 0), count)
    }

    /// Drops the first `n` bytes, keeping the rest at the front.
    package func removeFirst(_ n: Int) {
        guard n > 0 else { return }
        let rest = count - n
        if rest > 0 { base.update(from: base + n, count: rest) }
        count = rest
    }
}
