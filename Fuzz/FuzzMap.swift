import Normalizer

/// libFuzzer entry point over `map`: the first byte chooses one of every combination of options
/// (record shape, profiles, raw data, account, strict), the rest is mapped whole and in 3-byte
/// chunks. It must never crash, never lose a record (read = written + rejected), and the
/// chunking must never change the output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMap(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let options = combinations[Int(data[0]) % combinations.count]
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let whole = run(input, options: options, chunk: max(input.count, 1))
    let split = run(input, options: options, chunk: 3)
    precondition(whole == split, "chunking changed the output")
    return 0
}

/// Every shape × every set of profiles × raw data on/off × account on/off × strict on/off.
private let combinations: [MapOptions] = {
    let shapes: [RecordShape?] = [nil] + RecordShape.allCases.map(Optional.some)
    let profileSets: [Set<Profile>] = [[], [.securityControl], [.datetime], [.securityControl, .datetime]]
    var all: [MapOptions] = []
    for shape in shapes {
        for profiles in profileSets {
            for raw in [false, true] {
                for account in [nil, "023e105f4ecef8ad9ca31a8372d0c353"] {
                    for strict in [false, true] {
                        all.append(MapOptions(shape: shape, accountID: account, profiles: profiles, includeRawData: raw, stopAtFirstRejection: strict))
                    }
                }
            }
        }
    }
    return all
}()

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
    if !options.stopAtFirstRejection {
        precondition(mapper.recordsRead == mapper.eventsWritten + mapper.recordsRejected, "a record was lost")
    }
    // Every event is one line of valid UTF-8.
    let lines = outcome.events.split(separator: 0x0A, omittingEmptySubsequences: false)
    precondition(lines.count == mapper.eventsWritten + 1 && lines.last!.isEmpty, "events are not one per line")
    for line in lines { precondition(String(validating: line, as: UTF8.self) != nil, "event is not UTF-8") }
    return outcome
}
