import Inputs

func nowMilliseconds() -> Int64 { TimeInput.nowMilliseconds() }

func formatTime(_ milliseconds: Int64) -> String { TimeInput(milliseconds: milliseconds).rfc3339 }
