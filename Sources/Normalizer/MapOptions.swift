/// OCSF profiles `map` can add on request (MAPPING.md §5).
package enum Profile: String, Sendable, CaseIterable, Comparable {
    /// `action`/`action_id` and `disposition`/`disposition_id` from `allowed`.
    case securityControl = "security_control"
    /// `time_dt` next to `time`.
    case datetime

    package static func < (lhs: Profile, rhs: Profile) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How records are turned into events.
package struct MapOptions: Sendable {
    /// The OCSF versions events can be written for.
    package static let supportedOCSFVersions = ["1.8.0"]

    /// `nil` detects the shape per record.
    package var shape: RecordShape?
    /// Cloudflare account id for `metadata.tenant_uid`.
    package var accountID: String?
    package var profiles: Set<Profile>
    /// Copy each record's own text into `raw_data`.
    package var includeRawData: Bool
    package var ocsfVersion: String
    /// Stop at the first rejected record instead of carrying on.
    package var stopAtFirstRejection: Bool

    package init(
        shape: RecordShape? = nil, accountID: String? = nil, profiles: Set<Profile> = [],
        includeRawData: Bool = false, ocsfVersion: String = "1.8.0", stopAtFirstRejection: Bool = false
    ) {
        self.shape = shape
        self.accountID = accountID
        self.profiles = profiles
        self.includeRawData = includeRawData
        self.ocsfVersion = ocsfVersion
        self.stopAtFirstRejection = stopAtFirstRejection
    }
}
