import Voice

extension ClientError {
    /// The exit code DESIGN.md §4 gives this failure.
    package var failure: CommandFailure {
        let status: ExitStatus
        switch kind {
        case .transport: status = .unavailable
        case .cancelled: status = .interrupted
        case .foreignPort: status = .permission
        case .payload: status = .dataError
        case .http(let code):
            switch code {
            case 401, 403: status = .permission
            case 429: status = .temporaryFailure
            case 400 where !codes.isEmpty && Set(codes).isSubset(of: [6003, 6111, 9106, 1001]): status = .permission
            case 500...: status = .unavailable
            default: status = .unavailable
            }
        }
        return CommandFailure(status, summary, hint: hint)
    }
}
