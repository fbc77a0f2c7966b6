import Foundation
import Testing

/// A real S3-compatible store for one test: SeaweedFS (`weed mini`, from the project's venv) on
/// free loopback ports, with authentication on, its data in a directory of the test's own.
final class ObjectStore {
    static let executable = CLI.projectRoot.appendingPathComponent(".venv/bin/weed")
    static let accessKeyID = "CFACCESSTESTKEY"
    static let secretKey = "test-secret-key-not-a-real-one"
    static let bucket = "lake"

    let directory: URL
    let base: Int
    private var process: Process?

    var endpoint: String { "http://127.0.0.1:\(base + 3)" }
    static var available: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    init() throws {
        directory = try CLI.temporaryDirectory()
        var chosen: Int?
        for _ in 0..<50 {
            let candidate = Int.random(in: 20_000...29_000)
            if (0...6).allSatisfy({ Self.isFree(candidate + $0) && Self.isFree(candidate + $0 + 10_000) }) { chosen = candidate; break }
        }
        guard let chosen else { throw POSIXError(.EADDRINUSE) }
        base = chosen
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the store (again, on the same ports and data) and waits until S3 answers.
    func start() throws {
        let process = Process()
        process.executableURL = Self.executable
        let ports = ["-master.port", "-volume.port", "-filer.port", "-s3.port", "-admin.port", "-s3.port.iceberg", "-s3.port.lance"]
        process.arguments = ["mini", "-dir=\(directory.appendingPathComponent("data").path)", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                             "-bucket=\(Self.bucket)", "-admin.ui=false", "-webdav=false"]
            + ports.enumerated().map { "\($0.element)=\(base + $0.offset)" }
        process.environment = ["AWS_ACCESS_KEY_ID": Self.accessKeyID, "AWS_SECRET_ACCESS_KEY": Self.secretKey, "HOME": directory.path,
                               "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if Self.answers(port: base + 3), bucketIsReady() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw POSIXError(.ETIMEDOUT)
    }

    /// `curl` signing as the test key (the store's fake one): the test reads and alters the
    /// bucket behind cfaccess's back with it.
    func curl(_ arguments: [String]) throws -> Data {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "--fail", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "\(Self.accessKeyID):\(Self.secretKey)"] + arguments
        let pipe = Pipe()
        curl.standardOutput = pipe
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else { throw POSIXError(.EIO) }
        return data
    }

    /// What SigV4 leaves unencoded in a query: encoding more (`_` as `%5F`) breaks the signature.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Every key in the bucket under `prefix`.
    func keys(prefix: String) throws -> [String] {
        let listing = String(decoding: try curl(["-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                                                 "\(endpoint)/\(Self.bucket)?list-type=2&max-keys=1000&prefix=\(prefix.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")"]), as: UTF8.self)
        return listing.components(separatedBy: "<Key>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// An object's lines, gunzipped.
    func lines(of key: String, in directory: URL) throws -> [String] {
        let encoded = key.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "" }
            .joined(separator: "/")
        let compressed = directory.appendingPathComponent("object.gz")
        try curl(["-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "\(endpoint)/\(Self.bucket)/\(encoded)"]).write(to: compressed)
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", compressed.path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Stops it: SIGTERM, then SIGKILL when it is slow to leave.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    /// The bucket `weed mini` creates may come a moment after S3 answers: a signed listing
    /// (curl's own SigV4) says when it is there.
    private func bucketIsReady() -> Bool {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:s3",
                          "--user", "\(Self.accessKeyID):\(Self.secretKey)", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                          "\(endpoint)/\(Self.bucket)?list-type=2&max-keys=1"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        curl.standardError = FileHandle.nullDevice
        guard (try? curl.run()) != nil else { return false }
        curl.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "200"
    }

    private static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return withLoopback(port) { bind(descriptor, $0, $1) == 0 }
    }

    /// Whether anything answers HTTP on the port (an unsigned request gets a 403 once S3 is up).
    private static func answers(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let connected = withLoopback(port) { connect(descriptor, $0, $1) == 0 }
        guard connected else { return false }
        let request = Array("GET /\(bucket) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard write(descriptor, request, request.count) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        return read(descriptor, &buffer, buffer.count) > 12 && buffer.starts(with: Array("HTTP/1.".utf8))
    }

    /// 127.0.0.1:`port` as the socket calls take it.
    private static func withLoopback(_ port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Bool) -> Bool {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    }
}

/// `scripts/s3_faults.py` in front of a store: 503 SlowDown with Retry-After every Nth request,
/// every Mth upload cut in the middle, a delay before every answer; with `--log FILE`, each
/// request as it arrives (`METHOD PATH CONDITION`).
final class FaultProxy {
    let process = Process()
    let port: Int

    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(before store: ObjectStore, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CLI.projectRoot.appendingPathComponent("scripts/s3_faults.py").path, String(store.base + 3)] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard let port = Int(try SandboxProcess.announced(on: pipe)) else { throw POSIXError(.EIO) }
        self.port = port
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
