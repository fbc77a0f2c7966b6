import Foundation

/// Records for tests that need many: API records numbered by `index`, and a mix of every
/// shape and fault the normalizer meets, one per line.
public enum SampleRecords {
    public static func apiRecord(_ index: Int) -> String {
        #"{"user_email":"user\#(index)@example.com","ip_address":"192.0.2.\#(index % 250)","app_domain":"app\#(index % 7).example.com","#
            + #""app_uid":"df7e2w5f-02b7-4d9d-af26-8d1988fca630","action":"login","allowed":\#(index % 3 != 0),"#
            + #""created_at":"2025-07-01T00:\#(String(format: "%02d", index % 60)):00Z","connection":"saml","country":"de","#
            + #""ray_id":"\#(String(index, radix: 16))","app_type":"self_hosted","purpose_justification_prompt":"","#
            + #""purpose_justification_response":"","temp_access_approvers":[],"temp_access_duration":""}"#
    }

    public static func mixedInput(lines: Int, using random: inout SeededRandom) -> [UInt8] {
        var text = ""
        for index in 0..<lines {
            switch Int.random(in: 0..<40, using: &random) {
            case 0: text += #"{"user_email":"broken@example.com","# + "\n"
            case 1: text += "42\n"
            case 2: text += "\n"
            case 3: text += apiRecord(index) + "\r\n"
            case 4: text += "{\n  \"user_email\": \"pretty@example.com\",\n  \"created_at\": \"2025-07-01T00:00:00Z\",\n  \"action\": \"login\"\n}\n"
            case 5: text += "[\n" + apiRecord(index) + ",\n  " + apiRecord(index + 1) + "\n]\n"
            case 6: text += #"{"success":true,"errors":[],"messages":[],"result":["# + apiRecord(index) + "]}\n"
            case 7: text += #"{"Email":"logpush@example.com","Action":"login","Allowed":true,"CreatedAt":1751328000000000000,"RayID":"abc"}"# + "\n"
            case 8: text += #"{"user_email":"no-time@example.com"}"# + "\n"
            case 9: text += #"{"user_email":"cut@exam"# + "\n"
            default: text += apiRecord(index) + "\n"
            }
        }
        return Array(text.utf8)
    }
}
