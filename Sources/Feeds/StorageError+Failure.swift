import Storage
import Voice

extension StorageError {
    /// The exit code DESIGN.md §4 gives this failure.
    package var failure: CommandFailure {
        let status: ExitStatus = switch kind {
        case .transport: .unavailable
        case .cancelled: .interrupted
        case .foreignPort: .permission
        case .file: .ioError
        case .unbelievable: .configuration
        case .http(let code):
            switch (code, self.code) {
            case (_, "NoSuchBucket"): .configuration
            case (401, _), (403, _): .permission
            default: .unavailable
            }
        }
        return CommandFailure(status, summary, hint: hint)
    }
}
