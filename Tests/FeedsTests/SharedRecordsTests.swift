import Foundation
import Inputs
import Storage
import Testing
@testable import Feeds

/// The pieces of a shared feed that need no store: the store's dates, the layout of its keys,
/// when a lease is free, and which definition fields hosts must agree on.
@Suite struct SharedRecordsTests {
    @Test func storeDatesAreReadAsUnixSeconds() {
        #expect(HTTPDate.seconds("Sat, 05 Dec 2026 01:06:10 GMT") == 1_796_432_770)
        #expect(HTTPDate.seconds("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDate.seconds("Tue, 29 Feb 2028 23:59:59 GMT") == 1_835_481_599)
        for bad in ["", "Sat, 05 Dec 2026 01:06:10", "Sat, 05 Foo 2026 01:06:10 GMT", "Sat, 32 Dec 2026 01:06:10 GMT", "Sat, 05 Dec 2026 24:00:00 GMT"] {
            #expect(HTTPDate.seconds(bad) == nil, "\(bad)")
        }
    }

    @Test func keysListInSequenceOrder() throws {
        let keys = SharedKeys(layout: try #require(ObjectLayout(output: "s3://lake/cloudflare/")), feed: "prod")
        #expect(keys.lease == "cloudflare/prod/_cfaccess/lease")
        #expect(keys.commit(7) == "cloudflare/prod/_cfaccess/commits/00000000000000000007")
        #expect(keys.commit(7) < keys.commit(10) && keys.commit(99) < keys.commit(100))
        #expect(keys.sequence(of: keys.commit(12_345)) == 12_345)
        #expect(keys.sequence(of: keys.staging + "41/host-1-99-abc/prod.ndjson.gz") == 41)
        #expect(keys.sequence(of: "cloudflare/prod/dt=2025-07-01/prod.ndjson.gz") == nil)
    }

    /// Free: released, unreadable, or one second more than its period old by the store's clock.
    @Test func aLeaseIsFreeOnlyByTheStoresClock() {
        let record = LeaseRecord(holder: "host-1/7", term: 3, nonce: "n", lease: 5, since: "2026-12-05T00:00:00.000Z")
        func seen(_ record: LeaseRecord?, age: Int64) -> SharedLease.Seen {
            SharedLease.Seen(record: record, etag: "\"e\"", lastModified: 1000, storeNow: 1000 + age)
        }
        #expect(!seen(record, age: 0).isFree)
        #expect(!seen(record, age: 5).isFree)
        #expect(seen(record, age: 6).isFree)
        var released = record
        released.released = true
        #expect(seen(released, age: 0).isFree)
        #expect(seen(nil, age: 0).isFree)
        #expect(seen(record, age: 0).until == 1005)
    }

    @Test func hostsAgreeOnWhatShapesTheBucketOnly() throws {
        let account = try AccountID("023e105f4ecef8ad9ca31a8372d0c353")
        let base = FeedDefinition(name: try FeedName("prod"), account: account, token: "prod", baseURL: nil, output: "s3://lake/cf/", format: "ocsf",
                                  rejects: "s3://lake/cf/prod/rejects/", start: "2026-12-01T00:00:00Z", lookback: 600, contactName: nil, contactEmail: nil)
        var other = base
        other.token = "another"
        other.interval = 30
        other.rotateSize = 1 << 20
        #expect(base.shapesLike(other))
        other.format = "raw"
        #expect(!base.shapesLike(other))
        let difference = try #require(SharedDefinition(other).difference(from: SharedDefinition(base)))
        #expect(difference.field == "format" && difference.here == "raw" && difference.there == "ocsf")
        #expect(SharedDefinition(base).sha256 != SharedDefinition(other).sha256)
    }
}
