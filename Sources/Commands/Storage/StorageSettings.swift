import ArgumentParser
import Inputs
import Secrets
import Storage
import Vault
import Voice

/// Where a store is and which key signs for it, as `storage add` and `storage rotate` take them.
struct StorageSettings: ParsableArguments {
    enum Addressing: String, ExpressibleByArgument, CaseIterable { case path, virtual }

    @Option(help: ArgumentHelp("The store's endpoint, https://HOST[:PORT] (http:// only to a loopback address).", valueName: "url"))
    var endpoint: String?
    @Option(help: ArgumentHelp("The region the requests are signed for (default us-east-1).", valueName: "region")) var region: String?
    @Option(name: .customLong("access-key-id"), help: ArgumentHelp("The access key id (the secret key is asked for, or read with --from-file or --from-env).", valueName: "id"))
    var accessKeyID: String?
    @Option(help: "https://HOST/BUCKET/KEY (path) or https://BUCKET.HOST/KEY (virtual; default, but path for a loopback endpoint).")
    var addressing: Addressing?
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the secret access key from this file ('-' for stdin).", valueName: "path"),
            completion: .file()) var file: String?
    @Option(name: .customLong("from-env"), help: ArgumentHelp("Read the secret access key from this environment variable.", valueName: "var"))
    var environment: String?

    func validate() throws {
        if file != nil && environment != nil { throw ValidationError("give either --from-file or --from-env, not both") }
        if let region, region.isEmpty || !region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw ValidationError("'\(region)' is not a region: give letters, digits and '-', such as eu-west-1")
        }
        if let accessKeyID, accessKeyID.isEmpty || !accessKeyID.allSatisfy({ $0.isASCII && !$0.isWhitespace }) || CredentialShape.matches(accessKeyID) {
            throw ValidationError("that is not an access key id: give the key's id, and paste the secret key when asked")
        }
    }

    /// The settings kept with the key: what is given over what `previous` had.
    func apply(to previous: [String: String]) throws(CommandFailure) -> [String: String] {
        try parsed { () throws(InvalidInput) in
            try VaultEntry.storageFacts(endpoint: endpoint, region: region, accessKeyID: accessKeyID,
                                        pathStyle: addressing.map { $0 == .path }, previous: previous)
        }
    }

    func readSecret(for name: String, session: ShellSession) throws(CommandFailure) -> SecretBytes {
        try SecretInput.storageSecret(for: name, file: file, environment: environment, sources: session.secretSources)
    }
}
