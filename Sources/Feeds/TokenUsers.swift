import Inputs

/// The feeds and saved defaults that name a vault token, for `token remove` and `token rotate`.
package struct TokenUsers: Sendable {
    package let feeds: [String]
    package let savedDefault: Bool

    package init(_ token: String, store: FeedStore, defaults: SavedDefaults) {
        feeds = store.names().filter { name in
            (try? FeedName(name)).flatMap { try? store.definition($0) }?.token == token
        }
        savedDefault = defaults.values[SavedDefaults.Key.token.rawValue] == token
    }

    package var isEmpty: Bool { feeds.isEmpty && !savedDefault }

    /// `feeds 'a' and 'b' and the saved default token`.
    package var description: String {
        var parts: [String] = []
        if !feeds.isEmpty { parts.append((feeds.count == 1 ? "feed " : "feeds ") + feeds.map { "'\($0)'" }.joined(separator: ", ")) }
        if savedDefault { parts.append("the saved default token") }
        return parts.joined(separator: " and ")
    }
}
