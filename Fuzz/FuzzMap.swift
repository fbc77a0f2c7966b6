import Normalizer

/// libFuzzer entry point: every input is mapped whole and in two chunkings, with each option
/// set on. It must never crash, never lose a record (read = written + rejected), and the
/// chunking must never change the output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMap(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let options = MapOptions(profiles: [.securityControl, .datetime], includeRawData: true)
    let whole = run(input, options: options, chunk: max(size, 1))
    let split = run(input, options: options, chunk: 3)
    precondition(whole == split, "chunking changed the output")
    return 0
}

private struct Outcome: Equatable {
    var events: [UInt8] = []
    var rejections: [Rejection] = []
}

private func run(_ input: UnsafeRawBufferPointer, options: MapOptions, chunk: Int) -> Outcome {
    let mapper = OCSFMapper(options: options)
    var outcome = Outcome()
    var start = 0
    func drain() {
        outcome.events.append(contentsOf: mapper.output.bytes)
        mapper.output.removeAll()
        outcome.rejections.append(contentsOf: mapper.rejections)
        mapper.rejections.removeAll()
    }
    while start < input.count {
        let end = min(start + chunk, input.count)
        mapper.feed(UnsafeRawBufferPointer(rebasing: input[start..<end]))
        drain()
        start = end
    }
    mapper.finish()
    drain()
    precondition(mapper.recordsRead == mapper.eventsWritten + mapper.recordsRejected, "a record was lost")
    // Every event is one line of valid UTF-8.
    let lines = outcome.events.split(separator: 0x0A, omittingEmptySubsequences: false)
    precondition(lines.count == mapper.eventsWritten + 1 && lines.last!.isEmpty, "events are not one per line")
    for line in lines { precondition(String(validating: line, as: UTF8.self) != nil, "event is not UTF-8") }
    return outcome
}
