import Foundation

/// The sandbox's built-in tokens, one per verdict `token check-scopes` must tell apart. They are
/// fake by construction and work only against the sandbox.
public enum SandboxToken: String, CaseIterable, Sendable {
    case permitted = "cfut_SandboxDemoTokenWithAccessAuditLogsRead0000"
    case noPermission = "cfut_SandboxDemoTokenWithoutAuditLogsPermission0"
    case expired = "cfut_SandboxDemoTokenThatHasExpired000000000000000"
    case disabled = "cfut_SandboxDemoTokenThatWasDisabled00000000000000"
    case accountOwned = "cfat_SandboxDemoAccountOwnedTokenWithPermission00"
    /// Reads the logs, and expires three days after the sandbox is asked.
    case expiringSoon = "cfut_SandboxDemoTokenThatExpiresInThreeDays0000000"

    /// The account every sandbox token may read.
    public static let account = "023e105f4ecef8ad9ca31a8372d0c353"

    var id: String { "sandbox-" + String(describing: self) }

    var status: String {
        switch self {
        case .expired: "expired"
        case .disabled: "disabled"
        default: "active"
        }
    }

    var expiresOn: String? {
        switch self {
        case .expired: "2025-01-01T00:00:00Z"
        case .expiringSoon: SandboxDataset.format(Int64(Date().timeIntervalSince1970 * 1000) + 3 * 86_400_000)
        default: nil
        }
    }

    var readsLogs: Bool { self == .permitted || self == .accountOwned || self == .expiringSoon }
}
