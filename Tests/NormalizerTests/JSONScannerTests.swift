import Testing
@testable import Normalizer

@Suite struct JSONScannerTests {
    /// Scans one complete value from `text`, as the end of input.
    static func scan(_ text: String, isFinal: Bool = true) -> Result<ValueKind, ScanFailure> {
        var bytes = Array(text.utf8)
        bytes.append(0) // keep a valid base address for empty input
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(base: buffer.baseAddress!, start: 0, end: buffer.count - 1, isFinal: isFinal, line: 1)
            do throws(ScanFailure) {
                scanner.skipWhitespace()
                let kind = try scanner.skipValue()
                scanner.skipWhitespace()
                guard scanner.atEnd else { return .failure(.invalid("trailing", offset: scanner.position)) }
                return .success(kind)
            } catch {
                return .failure(error)
            }
        }
    }

    @Test(arguments: [
        #"{}"#, #"[]"#, #"{"a":[1,-2.5e+3,true,false,null,"x"]}"#, #""\u00e9\ud83d\ude00\n\/""#, "0", "-0.0E-0",
        "\"caf\u{E9} \u{1F600}\"", #" { "a" : { "b" : [ ] } } "#,
    ])
    func acceptsValidJSON(_ text: String) throws {
        #expect(throws: Never.self) { try Self.scan(text).get() }
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "unexpected character '}'"), (#"[1,]"#, "unexpected character ']'"), ("01", "trailing"),
        ("1.", "unexpected end of input"), ("-", "unexpected end of input"), (#"{"a" 1}"#, "unexpected character '1'"),
        (#""\x""#, "invalid escape in string"), (#""\ud800""#, "unpaired surrogate in string"),
        (#""\udc00""#, "unpaired surrogate in string"), (#""\u12g4""#, #"invalid \u escape in string"#),
        ("\"a\tb\"", "control character in string"), ("\"a\nb\"", "unterminated string"), ("tru", "unexpected end of input"),
        ("nul1", "unexpected character '1'"), ("{'a':1}", "unexpected character '''"), ("", "unexpected end of input"),
        (String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "nesting deeper than 256 levels"),
    ])
    func refusesInvalidJSON(_ text: String, _ message: String) {
        guard case .failure(.invalid(let actual, _)) = Self.scan(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(actual == message)
    }

    @Test func refusesInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
                               [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x28, 0xA1, 0x22]] {
            let result = bytes.withUnsafeBufferPointer { buffer -> ScanFailure? in
                var scanner = JSONScanner(base: buffer.baseAddress!, start: 0, end: buffer.count, isFinal: true, line: 1)
                do throws(ScanFailure) { _ = try scanner.skipValue(); return nil } catch { return error }
            }
            #expect(result == .invalid("invalid UTF-8 in string", offset: 1), "\(bytes)")
        }
    }

    /// A value cut by the end of a partial buffer asks for more input instead of failing.
    @Test(arguments: [#"{"a":"#, #"{"a":"b"#, "12", "tr", #""\u00"#])
    func partialInputIsIncomplete(_ text: String) {
        if case .failure(.incomplete) = Self.scan(text, isFinal: false) { return }
        Issue.record("\(text) was not reported incomplete")
    }

    @Test func partialMultibyteSequenceIsIncomplete() {
        let bytes: [UInt8] = [0x22, 0xC3] // '"' and the first byte of 'é'
        let result = bytes.withUnsafeBufferPointer { buffer -> ScanFailure? in
            var scanner = JSONScanner(base: buffer.baseAddress!, start: 0, end: buffer.count, isFinal: false, line: 1)
            do throws(ScanFailure) { _ = try scanner.skipValue(); return nil } catch { return error }
        }
        #expect(result == .incomplete)
    }
}
