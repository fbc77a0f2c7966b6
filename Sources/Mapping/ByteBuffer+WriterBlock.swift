import Files
import Normalizer

/// Events and rejects leave the normalizer's buffers for a `BackgroundWriter` without a copy.
extension ByteBuffer: WriterBlock {
    package var writableBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(bytes) }
}
