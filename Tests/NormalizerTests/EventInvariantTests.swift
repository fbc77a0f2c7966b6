import Foundation
import Testing
@testable import Normalizer

/// What the OCSF JSON Schema cannot express (MAPPING.md §8), checked on every event the goldens produce.
@Suite struct EventInvariantTests {
    static let activityCaptions = [0: "Unknown", 1: "Logon", 2: "Logoff"]
    static let statusCaptions = [0: "Unknown", 1: "Success", 2: "Failure"]
    static let protocolCaptions = [4: "OpenID", 5: "SAML", 6: "OAUTH 2.0"]
    static let observableCaptions = [1: "Hostname", 2: "IP Address", 4: "User Name", 5: "Email Address",
                                     14: "Country", 31: "User Object: uid"]

    static var events: [(golden: String, event: [String: Any])] {
        GoldenCase.all.flatMap { golden -> [(String, [String: Any])] in
            let input = (try? [UInt8](Data(contentsOf: golden.input))) ?? []
            let output = MapResult.map(input, options: golden.options).events
            return output.split(separator: 0x0A).map { line in
                (golden.name, (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] ?? [:])
            }
        }
    }

    @Test func everyGoldenEventHoldsTheInvariants() throws {
        let events = Self.events
        #expect(events.count > 100)
        for (golden, event) in events {
            let problems = Self.problems(in: event)
            #expect(problems.isEmpty, "\(golden): \(problems.joined(separator: "; "))")
        }
    }

    /// The checker itself must catch a broken event, or its silence means nothing.
    @Test func checkerCatchesBrokenEvents() throws {
        var event = try #require(Self.events.first { ($0.event["observables"] as? [Any])?.isEmpty == false }?.event)
        #expect(Self.problems(in: event).isEmpty)
        event["type_uid"] = 300_202
        event["status"] = "Success"
        event["status_id"] = 2
        event["time"] = (event["time"] as! Int) / 1000
        var observables = event["observables"] as! [[String: Any]]
        observables[0]["value"] = "something else"
        event["observables"] = observables
        #expect(Self.problems(in: event).count >= 4)
    }

    static func problems(in event: [String: Any]) -> [String] {
        var problems: [String] = []
        func int(_ key: String) -> Int? { event[key] as? Int }
        let activity = int("activity_id") ?? -1
        if int("type_uid") != (int("class_uid") ?? 0) * 100 + activity { problems.append("type_uid is not class_uid*100+activity_id") }
        let eventCode = (event["metadata"] as? [String: Any])?["event_code"] as? String
        let activityName = activity == 99 ? eventCode : activityCaptions[activity]
        if event["activity_name"] as? String != activityName { problems.append("activity_name does not match activity_id") }
        if event["type_name"] as? String != "Authentication: " + (activity == 99 ? "Other" : activityCaptions[activity] ?? "?") {
            problems.append("type_name does not match type_uid")
        }
        if event["status"] as? String != statusCaptions[int("status_id") ?? -1] { problems.append("status does not match status_id") }
        if int("severity_id") != 1 || event["severity"] as? String != "Informational" { problems.append("severity") }
        if event["category_name"] as? String != "Identity & Access Management" || int("category_uid") != 3 { problems.append("category") }
        if event["class_name"] as? String != "Authentication" || int("class_uid") != 3002 { problems.append("class") }
        if let id = int("auth_protocol_id"), id != 99, event["auth_protocol"] as? String != protocolCaptions[id] {
            problems.append("auth_protocol does not match auth_protocol_id")
        }
        if let id = int("action_id"), event["action"] as? String != [1: "Allowed", 2: "Denied"][id] { problems.append("action caption") }
        if let id = int("disposition_id"), event["disposition"] as? String != [1: "Allowed", 2: "Blocked"][id] { problems.append("disposition caption") }
        problems += timeProblems(event)
        for observable in event["observables"] as? [[String: Any]] ?? [] {
            let name = observable["name"] as? String ?? ""
            if observable["type"] as? String != observableCaptions[observable["type_id"] as? Int ?? -1] {
                problems.append("observable \(name) caption")
            }
            var value: Any? = event
            for part in name.split(separator: ".") { value = (value as? [String: Any])?[String(part)] }
            if value as? String != observable["value"] as? String { problems.append("observable \(name) does not match its attribute") }
        }
        return problems
    }

    /// `time` is epoch milliseconds of `metadata.original_time`, whatever form that took.
    static func timeProblems(_ event: [String: Any]) -> [String] {
        guard let time = event["time"] as? Int,
              let original = (event["metadata"] as? [String: Any])?["original_time"] as? String else { return ["time missing"] }
        let expected: Int
        if let number = Int(original) {
            switch number {
            case ..<100_000_000_000: expected = number * 1000
            case ..<100_000_000_000_000: expected = number
            case ..<100_000_000_000_000_000: expected = number / 1000
            default: expected = number / 1_000_000
            }
        } else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            // ISO8601DateFormatter takes exactly three fraction digits or none; trim the rest.
            var text = original.uppercased()
            if let dot = text.firstIndex(of: ".") {
                let digitsEnd = text[text.index(after: dot)...].firstIndex { !$0.isNumber } ?? text.endIndex
                let digits = text[text.index(after: dot)..<digitsEnd].prefix(3).padding(toLength: 3, withPad: "0", startingAt: 0)
                text = String(text[..<dot]) + "." + digits + String(text[digitsEnd...])
            } else if let zone = text.lastIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
                text = String(text[..<zone]) + ".000" + String(text[zone...])
            }
            guard let date = formatter.date(from: text) else { return ["original_time \(original) does not parse"] }
            expected = Int((date.timeIntervalSince1970 * 1000).rounded())
        }
        var problems: [String] = []
        if time != expected { problems.append("time \(time) is not the milliseconds of \(original)") }
        if let dt = event["time_dt"] as? String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if formatter.date(from: dt).map({ Int(($0.timeIntervalSince1970 * 1000).rounded()) }) != time {
                problems.append("time_dt \(dt) is not time")
            }
        }
        return problems
    }
}
