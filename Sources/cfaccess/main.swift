import Commands
#if canImport(Glibc)
import Glibc
#endif

exit(Cfaccess.main(arguments: Array(CommandLine.arguments.dropFirst())))
