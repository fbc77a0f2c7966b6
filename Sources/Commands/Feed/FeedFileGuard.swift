import Files
import Inputs
import Voice

extension ShellSession {
    /// Refuses (exit 73) an output of `map` or `logs fetch` that is a feed's output or rejects
    /// file, by path or by identity (a link or another name for the same file): writing there
    /// would cut what the feed delivered and break its checkpoint.
    func refuseFeedFile(_ path: String?, role: String) throws(CommandFailure) {
        guard let path, path != "-" else { return }
        let absolute = absolutePath(path)
        let identity = try? OutputPath.identity(at: path)
        let store = feeds
        for name in store.names() {
            guard let feed = try? FeedName(name), let definition = try? store.definition(feed) else { continue }
            let state = try? store.state(feed)
            let files = [(definition.output, state?.output.identity), (definition.rejects, state?.rejects.identity)]
            for (feedPath, feedIdentity) in files where feedPath == absolute || (identity != nil && identity == feedIdentity) {
                throw CommandFailure(.cannotCreate, "refusing to write the \(role) to '\(path)': it is the \(feedPath == definition.output ? "output" : "rejects file") of feed '\(name)'",
                                     hint: "give another path; the feed's own file is written only by 'cfaccess feed run \(name)'")
            }
        }
    }
}
