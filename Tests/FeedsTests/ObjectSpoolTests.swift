import Foundation
import Testing
@testable import Feeds

/// The spool files each record under the UTC day of its own time, read as `map` reads it:
/// API records with spaces after their colons, Logpush records with epoch times, OCSF events.
@Suite struct ObjectSpoolTests {
    static func plan(_ lines: [String]) throws -> [SealedObject] {
        let directory = NSTemporaryDirectory() + "spool-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/prod.ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        let spool = ObjectSpool(directory: directory, feed: "prod", layout: ObjectLayout(output: "s3://lake/cloudflare/")!,
                                output: output, rejects: directory + "/prod.rejects.ndjson")
        return try spool.plan(taken: [], limits: (.max, .max))
    }

    @Test func recordsAreFiledUnderTheirOwnDay() throws {
        let objects = try Self.plan([
            #"{"user_email": "a@example.com", "created_at": "2025-07-01T10:00:00Z", "allowed": true, "ray_id": "1"}"#,
            #"{ "user_email" : "b@example.com" , "created_at" : "2025-07-02T23:59:59.5Z", "allowed" : false, "ray_id": "2" }"#,
            #"{"UserEmail":"c@example.com","CreatedAt":1751414400000000000,"Allowed":true,"RayID":"3"}"#,
            #"{"class_uid":3002,"time":1751500800000,"user":{"email_addr":"d@example.com"}}"#,
        ])
        #expect(objects.map(\.key) == [
            "cloudflare/prod/dt=2025-07-01/prod.20250701T100000Z-20250701T100000Z.ndjson.gz",
            "cloudflare/prod/dt=2025-07-02/prod.20250702T000000Z-20250702T235959Z.ndjson.gz",
            "cloudflare/prod/dt=2025-07-03/prod.20250703T000000Z-20250703T000000Z.ndjson.gz",
        ], "\(objects.map(\.key))")
        #expect(objects.map(\.records) == [1, 2, 1])
    }
}
