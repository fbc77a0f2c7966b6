import Voice

extension FeedStoreError {
    /// A feed store failure as the command line reports it, for the feed named `feed`.
    package func failure(feed: String) -> CommandFailure {
        switch self {
        case .file(let problem):
            switch problem.kind {
            case .missing: return CommandFailure(.configuration, "no feed named '\(feed)'", hint: "see 'cfaccess feed list'")
            case .unsafe: return CommandFailure(.permission, problem.message, hint: problem.hint)
            case .busy: return CommandFailure(.temporaryFailure, "feed '\(feed)' is busy", hint: "wait for the other run to finish")
            case .io: return CommandFailure(.ioError, problem.message, hint: problem.hint)
            }
        case .damaged(let path, let reason):
            return CommandFailure(.configuration, "'\(path)' of feed '\(feed)' is damaged and was left as it is: \(reason)",
                                  hint: "restore it from a backup, or delete the feed and create it again")
        }
    }
}

extension FeedRunError {
    /// The exit code DESIGN.md §4 gives what stopped a run.
    package var status: ExitStatus {
        switch self {
        case .api(let error): error.failure.status
        case .file(let problem): problem.kind == .unsafe ? .permission : .ioError
        case .notOwn, .setup: .configuration
        case .store(let error): error.failure(feed: "").status
        case .upload(let error, _): error.failure.status
        case .leaseHeld: .temporaryFailure
        case .unrecorded(let error, _): error.status
        }
    }
}
