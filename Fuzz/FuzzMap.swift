import Normalizer

/// libFuzzer entry point over `map`: the first byte chooses one of every combination of options
/// (record shape, profiles, raw data, account, strict), the rest is mapped whole, in 3-byte
/// chunks, and in blocks cut after line breaks the way `map` hands them to its threads. It must
/// never crash, never lose a record (read = written + rejected), and neither the chunking nor
/// the blocks may change the output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMap(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let options = combinations[Int(data[0]) % combinations.count]
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let whole = run(input, options: options, chunk: max(input.count, 1))
    let split = run(input, options: options, chunk: 3)
    precondition(whole == split, "chunking changed the output")
    precondition(whole == blocks(input, options: options), "blocks changed the output")
    return 0
}

/// `map`'s rule for blocks: each block (here, each line) is mapped by a fresh mapper, and that
/// result stands only when the mapper that read everything before it ended between values;
/// otherwise the block is fed to that mapper. Lines are then moved to where the block starts.
private func blocks(_ input: UnsafeRawBufferPointer, options: MapOptions) -> Outcome {
    var outcome = Outcome()
    var holder = OCSFMapper(options: options)
    var firstLine = 1
    var start = 0
    func take(_ mapper: OCSFMapper, from firstLine: Int) {
        outcome.events.append(contentsOf: mapper.output.bytes)
        mapper.output.removeAll()
        for var rejection in mapper.rejections {
            rejection.line += firstLine - 1
            outcome.rejections.append(rejection)
        }
        mapper.rejections.removeAll()
    }
    while start < input.count, !holder.stopped {
        var end = start
        while end < input.count && input[end] != 0x0A { end += 1 }
        end = min(end + 1, input.count)
        let block = UnsafeRawBufferPointer(rebasing: input[start..<end])
        if holder.isBetweenValues {
            firstLine += holder.nextLine - 1
            holder = OCSFMapper(options: options)
        }
        holder.feed(block)
        take(holder, from: firstLine)
        start = end
    }
    holder.finish()
    take(holder, from: firstLine)
    return outcome
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
