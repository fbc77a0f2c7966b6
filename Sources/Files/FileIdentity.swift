#if canImport(Glibc)
import Glibc
#endif

/// Which file a descriptor is (device and inode), so a file replaced at the same path is told
/// apart from the one that was there before.
public struct FileIdentity: Codable, Equatable, Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The identity of an open regular file; nil for anything else.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
