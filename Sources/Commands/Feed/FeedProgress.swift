import Voice

/// What `feed run` shows on a terminal while feeds deliver: records so far and how far each got.
struct FeedProgress: ~Copyable {
    let line: ProgressLine
    private var feeds: [String: (records: Int, reached: String?)] = [:]
    private let started = ProgressLine.now()

    init(line: ProgressLine) { self.line = line }

    mutating func update(feed: String, records: Int, reached: String?) {
        feeds[feed] = (records, reached)
        let total = feeds.values.reduce(0) { $0 + $1.records }
        let rate = Double(total) / max(ProgressLine.now() - started, 0.001)
        let position = feeds.count == 1 ? reached.map { ", at \($0)" } ?? "" : ", \(feeds.count.counted("feed")) delivering"
        line.update { "cfaccess: feed: \(total.counted("record")) delivered, \(Int(rate)) records/s\(position)" }
    }
}
