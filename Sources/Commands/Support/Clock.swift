import ArgumentParser
import Inputs
import Normalizer
import Shell
import Vault
#if canImport(Glibc)
import Glibc
#endif

func nowMilliseconds() -> Int64 { TimeInput.nowMilliseconds() }

func formatTime(_ milliseconds: Int64) -> String { TimeInput(milliseconds: milliseconds).rfc3339 }
