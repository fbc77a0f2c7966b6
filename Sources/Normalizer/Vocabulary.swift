/// OCSF activity for a Cloudflare `action` (MAPPING.md §3).
struct Activity {
    var id: Int
    /// `nil` for id 99, whose caption is the source's own value.
    var name: StaticString?
    var typeName: StaticString

    init(action: Text?) {
        guard let action, !action.isEmpty else {
            self = Activity(id: 0, name: "Unknown", typeName: "Authentication: Unknown")
            return
        }
        if action.equalsIgnoringCase("login") {
            self = Activity(id: 1, name: "Logon", typeName: "Authentication: Logon")
        } else if action.equalsIgnoringCase("logout") {
            self = Activity(id: 2, name: "Logoff", typeName: "Authentication: Logoff")
        } else {
            // warpEnrollment and anything new: never counted as a second Logon.
            self = Activity(id: 99, name: nil, typeName: "Authentication: Other")
        }
    }

    private init(id: Int, name: StaticString?, typeName: StaticString) {
        self.id = id
        self.name = name
        self.typeName = typeName
    }
}

/// OCSF `auth_protocol_id` for a Cloudflare `connection` (MAPPING.md §4).
struct AuthProtocol {
    var id: Int
    /// `nil` for id 99 from an unknown connection, whose caption is the raw value.
    var name: StaticString?
    /// Whether the sign-in used a one-time PIN sent by e-mail.
    var emailFactor = false

    private static let openID: [StaticString] = [
        "oidc", "okta", "azureAD", "google", "google-apps", "onelogin", "pingone", "centrify",
    ]
    private static let oauth2: [StaticString] = ["github", "facebook", "linkedin", "yandex"]

    init(connection: Text) {
        if connection.equalsIgnoringCase("saml") {
            self.init(id: 5, name: "SAML")
        } else if AuthProtocol.openID.contains(where: connection.equalsIgnoringCase) {
            self.init(id: 4, name: "OpenID")
        } else if AuthProtocol.oauth2.contains(where: connection.equalsIgnoringCase) {
            self.init(id: 6, name: "OAUTH 2.0")
        } else if connection.equalsIgnoringCase("onetimepin") {
            self.init(id: 99, name: "One-time PIN")
            emailFactor = true
        } else {
            self.init(id: 99, name: nil)
        }
    }

    private init(id: Int, name: StaticString?) {
        self.id = id
        self.name = name
    }
}
