import Testing
@testable import Inputs

/// Base URLs are parsed by libcurl's own URL parser and judged on the host it will connect to.
@Suite struct BaseURLTests {
    @Test(arguments: [
        ("https://api.cloudflare.com/client/v4", "https://api.cloudflare.com/client/v4", false),
        ("https://api.cloudflare.com/client/v4/", "https://api.cloudflare.com/client/v4", false),
        // No path, as the dashboard and the DataBee guide write it: the API's path on that host.
        ("https://api.cloudflare.com", "https://api.cloudflare.com/client/v4", false),
        ("https://api.cloudflare.com/", "https://api.cloudflare.com/client/v4", false),
        ("HTTPS://API.Cloudflare.com/client/v4", "https://api.cloudflare.com/client/v4", false),
        ("http://127.0.0.1:8080/client/v4", "http://127.0.0.1:8080/client/v4", true),
        ("http://localhost:9/x", "http://localhost:9/x", true),
        ("http://[::1]:80/client/v4", "http://[::1]:80/client/v4", true),
        ("http://127.1.2.3/", "http://127.1.2.3/client/v4", true),
        // libcurl resolves dot segments itself.
        ("https://api.cloudflare.com/client/../v4", "https://api.cloudflare.com/v4", false),
        // The host as libcurl decodes it is the host cfaccess then asks for.
        ("https://api%2ecloudflare.com/", "https://api.cloudflare.com/client/v4", false),
    ])
    func accepts(_ text: String, _ canonical: String, _ loopback: Bool) throws {
        let url = try BaseURL(text)
        #expect(url.text == canonical)
        #expect(url.isLoopback == loopback)
    }

    @Test(arguments: [
        // Each of these only looks like loopback: libcurl would connect to evil.example.
        ("http://localhost:1@evil.example/client/v4", "user name or password"),
        ("http://[::1]@evil.example/client/v4", "user name or password"),
        ("http://127.0.0.1:80@evil.example/", "user name or password"),
        ("https://user:secret@api.cloudflare.com/client/v4", "user name or password"),
        ("http://localhost.evil.example/client/v4", "only to a loopback address"),
        ("http://127.0.0.1.evil.example/client/v4", "only to a loopback address"),
        ("http://127.0.0.1.example.com/", "only to a loopback address"),
        ("http://api.cloudflare.com/client/v4", "only to a loopback address"),
        ("http://10.0.0.1/", "only to a loopback address"),
        ("https://api.cloudflare.com/client/v4?x=1", "query"),
        ("https://api.cloudflare.com/client/v4#top", "fragment"),
        ("ftp://example.com/", "scheme must be https"),
        ("api.cloudflare.com", "not a URL"),
        ("https://", "not a URL"),
        ("https://api.cloudflare.com/client v4", "spaces"),
        // Found by the fuzzer: libcurl reads host `localhost` and the path `//localhost:1@e`.
        ("http://localhost://localhost:1@e", "path may hold only"),
        ("https://api.cloudflare.com/client/%2e%2e", "path may hold only"),
        // Found by the fuzzer: libcurl decodes the host to a byte that is not text.
        ("https://%ad/aat/ad", "no host name has"),
        ("", "not a URL"),
    ])
    func refuses(_ text: String, _ reason: String) {
        #expect {
            try BaseURL(text)
        } throws: { error in
            let invalid = error as! InvalidInput
            return invalid.message.hasPrefix("refusing the base URL") && invalid.message.contains(reason) && invalid.hint.contains("https://")
        }
    }
}

@Suite struct HeaderLineTests {
    /// Header lines as libcurl hands them over end in CRLF, which in a Swift `String` is one
    /// `Character`: the split is done on bytes, so the value never keeps it.
    @Test func headerLinesLoseTheirLineBreak() {
        for line in ["Retry-After: 20\r\n", "retry-after:20\r\n", "Retry-After: \t20 \r\n", "Retry-After: 20\n"] {
            let field = Array(line.utf8).withUnsafeBytes { HeaderLine.field($0) }
            #expect(field?.name == "retry-after")
            #expect(field?.value == "20")
        }
        #expect(Array("HTTP/1.1 429 Too Many Requests\r\n".utf8).withUnsafeBytes { HeaderLine.field($0)?.name } == nil)
    }
}

@Suite struct StorageEndpointTests {
    @Test func takesAnOriginAndNothingMore() throws {
        #expect(try StorageEndpoint("https://s3.eu-west-1.amazonaws.com").text == "https://s3.eu-west-1.amazonaws.com")
        #expect(try StorageEndpoint("https://S3.example.com:9000/").text == "https://s3.example.com:9000")
        #expect(try StorageEndpoint("http://127.0.0.1:8333").isLoopback)
    }

    @Test(arguments: ["http://s3.example.com", "https://s3.example.com/bucket", "https://key:secret@s3.example.com", "ftp://s3.example.com",
                      "https://s3.example.com?x=1"])
    func refusesWhatTheBaseURLRulesRefuseAndAPath(_ text: String) {
        #expect(throws: InvalidInput.self) { try StorageEndpoint(text) }
    }
}
