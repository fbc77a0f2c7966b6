import Files
import FoundationEssentials
import Inputs
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Delivers an object-storage feed's sealed objects, exactly once: each is sent with
/// `If-None-Match: *` under the key and with the bytes and SHA-256 sealed for it. A 412 means
/// the key holds an object already: the same SHA-256 (kept as its `cfaccess-sha256` metadata)
/// is this object, delivered before a crash kept the state from knowing; another is never
/// overwritten, and the run stops (78) naming the key. A spool file is removed only after its
/// upload is confirmed and noted in the feed's list of delivered objects
/// (`state/NAME.objects.ndjson`, read by `feed verify`).
struct ObjectDelivery {
    let client: S3Client
    let layout: ObjectLayout
    let manifest: String

    /// Uploads the pending objects, oldest first, saving the state after each; stops at the
    /// first failure, which stays pending for the next attempt.
    func upload(_ state: inout FeedState, save: (FeedState) throws(FeedRunError) -> Void) throws(FeedRunError) {
        while let object = state.pendingObjects.first {
            guard let sha256 = object.sha256, let size = object.size else { break }
            var held: String?
            do throws(StorageError) {
                let outcome = try client.put(bucket: layout.bucket, key: object.key, path: object.file, size: size, sha256: sha256,
                                             metadata: ["cfaccess-sha256": sha256, "cfaccess-records": String(object.records)])
                held = outcome == .created ? sha256 : try client.head(bucket: layout.bucket, key: object.key)?["x-amz-meta-cfaccess-sha256"]
            } catch {
                state.uploadError = FeedRunError.upload(error, key: object.key).message
                try save(state)
                throw .upload(error, key: object.key)
            }
            guard held == sha256 else {
                let refusal = FeedRunError.setup("the bucket already holds '\(object.key)' with other bytes; it was left as it is, and the run stopped",
                                                 hint: "find out who wrote it; the sealed object waits in '\(object.file)'")
                state.uploadError = refusal.message
                try save(state)
                throw refusal
            }
            try ObjectDelivery.append(object, to: manifest)
            state.pendingObjects.removeFirst()
            state.uploadedObjects += 1
            if object.kind == .events { state.uploadedRecords += object.records }
            state.uploadError = nil
            try save(state)
            do throws(FileProblem) { try DirectoryEntry.remove(object.file) } catch { throw .file(error) }
        }
    }

    /// Appends a delivered object or file to the feed's list, synced.
    static func append(_ object: SealedObject, to manifest: String) throws(FeedRunError) {
        let descriptor: Int32
        do throws(FileProblem) { descriptor = try PrivateFile.openCreating(manifest, flags: O_WRONLY | O_APPEND) } catch { throw .file(error) }
        defer { close(descriptor) }
        guard let data = CompactJSON.bytes(object) else { throw .file(FileProblem(.io(errno: EINVAL), "cannot record '\(object.key)'")) }
        let line = data + [0x0A]
        guard write(descriptor, line, line.count) == line.count, fsync(descriptor) == 0 else { throw .file(.system("cannot write", manifest)) }
    }

    /// The keys of the objects delivered last (the end of the list): a range sealed again gets
    /// the next `-N` rather than a key already in the bucket.
    static func recentKeys(_ manifest: String) -> Set<String> {
        let descriptor = open(manifest, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        let tail: off_t = 1 << 20
        let size = lseek(descriptor, 0, SEEK_END)
        lseek(descriptor, max(0, size - tail), SEEK_SET)
        var bytes = [UInt8](repeating: 0, count: Int(min(size, tail)))
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        return Set(bytes[..<count].split(separator: 0x0A).compactMap { line in
            (try? JSONDecoder().decode(SealedObject.self, from: Data(line)))?.key
        })
    }

    /// What the feed delivered, from its list, each key once.
    static func delivered(_ manifest: String) -> [SealedObject] {
        guard let bytes = try? PrivateFile.read(manifest, limit: 1 << 30) else { return [] }
        var seen = Set<String>()
        return bytes.split(separator: 0x0A).compactMap { line in
            guard let object = try? JSONDecoder().decode(SealedObject.self, from: Data(line)), seen.insert(object.key).inserted else { return nil }
            return object
        }
    }
}
