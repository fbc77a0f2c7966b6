import ArgumentParser
import Feeds
import Inputs

/// Names to complete where a command takes a feed or a token, for bash, zsh and fish (which run
/// `cfaccess ---completion …` as the user presses Tab, in the home `CFACCESS_HOME` or the XDG
/// directories give) and for the interactive shell (in its own home). Feed names
/// are the saved feeds. Token names live sealed in the vault, so a shell completing on its own
/// offers those that feeds and the saved defaults name; the interactive shell adds the vault's
/// own once it holds the key.
enum CompletionValues {
    static let feeds = CompletionKind.custom { _, _, _ in feedNames(home: nil) }
    static let tokens = CompletionKind.custom { _, _, _ in tokenNames(home: nil) }

    static func feedNames(home: String?) -> [String] {
        FeedStore(directory: StatePaths(home: home).dataDirectory).names()
    }

    /// The tokens feeds and the saved defaults name, sorted, each once.
    static func tokenNames(home: String?) -> [String] {
        let directory = StatePaths(home: home).dataDirectory
        let store = FeedStore(directory: directory)
        var names = Set(store.names().compactMap { name in (try? FeedName(name)).flatMap { try? store.definition($0) }?.token })
        if let saved = (try? SavedDefaults(directory: directory))?.values[SavedDefaults.Key.token.rawValue] { names.insert(saved) }
        return names.sorted()
    }
}
