import ArgumentParser

/// `cfaccess storage …`: S3-compatible object stores feeds deliver into. The secret access key
/// lives in the vault, encrypted like a token, and is never a command-line value.
struct StorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Add, list, show, rotate, remove or check S3-compatible object stores.",
        subcommands: [StorageAdd.self, StorageList.self, StorageShow.self, StorageRotate.self, StorageRemove.self, StorageCheck.self]
    )
}
