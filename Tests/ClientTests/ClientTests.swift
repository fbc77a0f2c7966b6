import Testing
@testable import Client

@Suite struct ClientErrorTests {
    @Test(arguments: [(408, true), (429, true), (500, true), (502, true), (503, true), (400, false), (401, false), (403, false), (404, false)])
    func retriesOnlyWhatCanRecover(_ status: Int, _ retryable: Bool) {
        #expect(ClientError(.http(status: status), detail: "").isRetryable == retryable)
    }

    @Test func certificateFailuresAreFinalOtherTransportErrorsAreNot() {
        #expect(!ClientError(.transport(code: 60, message: "SSL peer certificate was not OK"), detail: "").isRetryable)
        #expect(ClientError(.transport(code: 7, message: "couldn't connect to server"), detail: "").isRetryable)
        #expect(ClientError(.transport(code: 28, message: "timeout was reached"), detail: "").isRetryable)
        #expect(ClientError(.payload, detail: "cut").isRetryable)
    }

    @Test(arguments: [(1000, "invalid or was revoked"), (6003, "malformed"), (9106, "no credentials"), (9109, "IP address"),
                      (10000, "Access: Audit Logs Read"), (971, "rate limited")])
    func hintsNameTheFix(_ code: Int, _ phrase: String) {
        let error = ClientError(.http(status: 403), errors: [CloudflareMessage(code: code, message: "x")], detail: "")
        #expect(error.hint?.contains(phrase) == true)
        #expect(error.summary == "HTTP 403: \(code) x")
    }

    /// A `Retry-After` line as libcurl hands it over (CRLF-terminated) gives its seconds.
    @Test func retryAfterLosesItsLineBreak() {
        #expect(CloudflareClient.parseRetryAfter("20\r\n") == 20)
    }

    @Test func readsRetryAfterInSecondsOrAsADate() {
        #expect(CloudflareClient.parseRetryAfter("7") == 7)
        #expect(CloudflareClient.parseRetryAfter(" 2 ") == 2)
        // 2015-10-21T07:28:00Z is 1445412480; ten seconds before it, the wait is ten seconds.
        #expect(CloudflareClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: 1_445_412_470) == 10)
        #expect(CloudflareClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: 1_445_412_490) == 0)
        #expect(CloudflareClient.parseRetryAfter("soon") == nil)
    }

    /// `Double("inf")` and an overflowing year once went through; each must be refused.
    @Test(arguments: ["inf", "-inf", "nan", "1e9", "-5", "+5", "0x10", "Wed, 21 Oct 99999999999999999 07:28:00 GMT",
                      "Wed, 21 Oct 2015 07:28:00 PST", "Wed, 99 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 25:28:00 GMT", ""])
    func refusesRetryAfterThatIsNotANumberOfSecondsOrADate(_ text: String) {
        #expect(CloudflareClient.parseRetryAfter(text) == nil)
    }

    @Test func aHugeRetryAfterIsReadButNeverWaitedInFull() {
        #expect(CloudflareClient.parseRetryAfter("99999999999999999999") == 9_999_999_999)
        #expect(CloudflareClient.delay(attempt: 1, retry: .init(), retryAfter: 9_999_999_999) == 300)
        #expect(CloudflareClient.delay(attempt: 1, retry: .init(), retryAfter: 7) == 7)
    }

    @Test func percentEncodesQueryValues() {
        #expect(CloudflareClient.percentEncode("2025-07-01T00:00:00+02:00") == "2025-07-01T00:00:00%2B02:00")
        #expect(CloudflareClient.percentEncode("a b&c=d") == "a%20b%26c%3Dd")
    }
}

/// The request budget shared by a token's clients follows what Cloudflare's headers say.
@Suite struct RequestBudgetTests {
    @Test func aStricterPolicySlowsThePaceALooserOneDoesNot() {
        let budget = RequestBudget()
        budget.note(headers: ["ratelimit-policy": #""default";q=2400;w=300"#])
        #expect(budget.pace == 4)
        budget.note(headers: ["ratelimit-policy": #""default";q=600;w=300"#])
        // The quota with a tenth in hand.
        #expect(abs(budget.pace - 1.8) < 1e-9)
        budget.note(headers: ["ratelimit-policy": "60;w=60"])
        #expect(abs(budget.pace - 0.9) < 1e-9)
        budget.note(headers: ["ratelimit-policy": "nonsense"])
        #expect(abs(budget.pace - 0.9) < 1e-9)
    }

    @Test func nothingRemainingPausesEveryUser() {
        let budget = RequestBudget(capacity: 100, perSecond: 100)
        budget.note(headers: ["ratelimit": #""default";r=0;t=1"#])
        let start = CloudflareClient.now()
        budget.take { false }
        #expect(CloudflareClient.now() - start >= 0.9)
        // Remaining requests: no pause.
        let again = CloudflareClient.now()
        budget.note(headers: ["ratelimit": "limit=100, remaining=50, reset=30"])
        budget.take { false }
        #expect(CloudflareClient.now() - again < 0.5)
    }
}
