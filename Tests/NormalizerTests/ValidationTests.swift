import Testing
@testable import Normalizer

@Suite struct ValidationTests {
    @Test(arguments: [
        "0.0.0.0", "198.41.129.166", "255.255.255.255", "::", "::1", "1::", "2001:db8::1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.128", "1:2:3:4:5:6:7::", "fe80::1:2:3:4:5:6",
        "1:2:3:4:5:6:1.2.3.4",
    ])
    func acceptsIPAddresses(_ text: String) {
        #expect(withText(text, Validation.isIPAddress))
    }

    @Test(arguments: [
        "", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", " 1.2.3.4", "1.2.3.4 ", "a.b.c.d",
        ":", ":::", "1:::2", "2001:db8::1::2", "12345::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0",
        "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3.256", "g::1", "1:", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
    ])
    func refusesOtherText(_ text: String) {
        #expect(!withText(text, Validation.isIPAddress))
    }

    @Test(arguments: [
        "a@b.co", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "x_y-z@ex-ample.com", "a,b@c.d",
    ])
    func acceptsEmailAddresses(_ text: String) {
        #expect(withText(text, Validation.isEmailAddress))
    }

    @Test(arguments: [
        "", "plain", "@example.com", "a@", "a@b", "a@.com", "a@b.", "zoë@example.com", "a@exämple.com",
        "a b@example.com", "a@b@example.com", "a@-.", "a@b_c.com",
    ])
    func refusesOtherEmailText(_ text: String) {
        #expect(!withText(text, Validation.isEmailAddress))
    }

    @Test func countryCodesAreTwoASCIILetters() {
        #expect(withText("us", Validation.isCountryCode))
        #expect(withText("GB", Validation.isCountryCode))
        for text in ["", "U", "USA", "1A", "é", "U1", "@A"] { #expect(!withText(text, Validation.isCountryCode), "\(text)") }
    }

    @Test(arguments: [
        ("IPAddress", "ip_address"), ("AppUUID", "app_uuid"), ("RayID", "ray_id"), ("UserUID", "user_uid"),
        ("PurposeJustificationPrompt", "purpose_justification_prompt"), ("TemporaryAccessApprovers", "temporary_access_approvers"),
        ("app_type", "app_type"), ("camelCase", "camel_case"), ("Weird Key-Name", "weird_key_name"), ("HTTPStatus2xx", "http_status2xx"),
        ("clé", "clé"),
    ])
    func snakeCasesKeys(_ key: String, _ expected: String) {
        let buffer = ByteBuffer()
        withText(key) { appendSnakeCase($0, to: buffer) }
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
    }
}
