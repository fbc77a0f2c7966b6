import Foundation
import Testing

/// TLS verification is always on: a server whose certificate no trusted CA signed is refused
/// (exit 69), and `--ca-file` with its CA makes the same server trusted.
@Suite struct TLSTests {
    /// A one-endpoint HTTPS server (Python's, with a throwaway CA from openssl) answering verify.
    final class HTTPSServer {
        private let server: PythonServer
        let baseURL: String
        let caFile: URL

        init(in directory: URL) throws {
            caFile = directory.appendingPathComponent("ca.pem")
            let script = """
                set -e
                openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=cfaccess-test-ca 2>/dev/null
                openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 2>/dev/null
                printf 'subjectAltName=IP:127.0.0.1\\n' > san.cnf
                openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.cnf 2>/dev/null
                """
            let status = try CLI.shell(script, in: directory)
            precondition(status == 0, "openssl failed")
            let server = """
                import http.server, json, ssl, sys
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = json.dumps({"success": True, "errors": [], "messages": [],
                                           "result": {"id": "tls-token", "status": "active"}}).encode()
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                    def log_message(self, *args):
                        pass
                httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain("server.pem", "server.key")
                httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
                print(httpd.server_address[1], flush=True)
                httpd.serve_forever()
                """
            self.server = try PythonServer(script: server, in: directory)
            let port = self.server.port
            baseURL = "https://127.0.0.1:\(port)/client/v4"
        }
    }

    @Test func verifiesTheServerCertificate() throws {
        let home = try SandboxHome()
        defer { try? FileManager.default.removeItem(at: home.work) }
        let server = try HTTPSServer(in: home.work)
        let untrusted = try home.run(["token", "check-scopes", "permitted", "--account", SandboxProcess.account,
                                      "--base-url", server.baseURL, "--json"])
        #expect(untrusted.status == 69, "\(untrusted.stdoutText)")
        #expect(untrusted.stdoutText.contains("cannot reach Cloudflare"))
        let trusted = try home.run(["token", "check-scopes", "permitted", "--account", SandboxProcess.account,
                                    "--base-url", server.baseURL, "--ca-file", server.caFile.path, "--json"])
        let report = try JSONSerialization.jsonObject(with: trusted.stdout) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        #expect(checks.first { $0["name"] as? String == "verify" }?["outcome"] as? String == "pass", "\(trusted.stdoutText)")
    }
}
