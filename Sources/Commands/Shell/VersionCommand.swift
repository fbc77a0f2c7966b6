import ArgumentParser
import CProcess
import Voice

/// `cfaccess version`: the program version, and with `--verbose` the C libraries it runs on.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Show the version of cfaccess and of the libraries it uses."
    )

    @Flag(name: .shortAndLong, help: "Also show the versions of the linked C libraries.")
    var verbose = false

    func run() throws {
        var text = "cfaccess \(Cfaccess.version)\n"
        if verbose {
            for (name, version) in LinkedLibraries.versions { text += "\(name) \(version)\n" }
            let cores = cfaccess_core_limit() == 0 ? "off" : "on"
            let dumpable = cfaccess_process_is_dumpable() == 0 ? "no" : "yes"
            text += "process: core dumps \(cores), dumpable \(dumpable)\n"
        }
        Console.writeOutput(text)
    }
}
