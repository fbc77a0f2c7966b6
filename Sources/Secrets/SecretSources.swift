import Shell
import Voice

/// Where a session's secrets may come from besides the terminal and the environment: the
/// passphrase options it was started with, and the script on stdin (whose next line may be a
/// token, read by the same reader so no line is lost).
package struct SecretSources {
    package var passphraseFD: Int32?
    package var passphraseFile: String?
    package var scriptReader: FileLineReader?

    package init(passphraseFD: Int32?, passphraseFile: String?, scriptReader: FileLineReader?) {
        self.passphraseFD = passphraseFD
        self.passphraseFile = passphraseFile
        self.scriptReader = scriptReader
    }
}
