import Feeds
import Inputs
import Voice

/// The feeds and saved defaults that name a vault token, for `token remove` and `token rotate`.
struct TokenUsers {
    let feeds: [String]
    let savedDefault: Bool

    init(_ token: String, session: ShellSession) throws(CommandFailure) {
        let store = session.feeds
        feeds = store.names().filter { name in
            (try? FeedName(name)).flatMap { try? store.definition($0) }?.token == token
        }
        savedDefault = try SavedDefaults(session: session).values[SavedDefaults.Key.token.rawValue] == token
    }

    var isEmpty: Bool { feeds.isEmpty && !savedDefault }

    /// `feeds 'a' and 'b' and the saved default token`.
    var description: String {
        var parts: [String] = []
        if !feeds.isEmpty { parts.append((feeds.count == 1 ? "feed " : "feeds ") + feeds.map { "'\($0)'" }.joined(separator: ", ")) }
        if savedDefault { parts.append("the saved default token") }
        return parts.joined(separator: " and ")
    }
}
