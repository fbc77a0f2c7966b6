#!/usr/bin/env python3
"""A pass-through in front of an S3-compatible store that adds the faults a store cannot make
by itself: every Nth request answered 503 SlowDown with Retry-After, every Mth upload cut in the
middle of its body, and a delay before every answer. Requests are forwarded byte for byte, Host
and signature included, so the store checks the signature the client made.

With --log FILE, each request is written there as it arrives, before it is forwarded:
`METHOD PATH CONDITION` (CONDITION is `if-none-match`, `if-match` or `-`), so a test can count
the requests a client made and act while one is in flight.

usage: s3_faults.py UPSTREAM_PORT [--fail-every N] [--cut-every M] [--slow-ms MS] [--log FILE]
Prints `listening on PORT`, then serves until killed."""
import argparse, http.client, socketserver, sys, threading, time
from http.server import BaseHTTPRequestHandler

parser = argparse.ArgumentParser()
parser.add_argument("upstream", type=int)
parser.add_argument("--fail-every", type=int, default=0)
parser.add_argument("--cut-every", type=int, default=0)
parser.add_argument("--slow-ms", type=int, default=0)
parser.add_argument("--log")
options = parser.parse_args()
log = open(options.log, "a", buffering=1) if options.log else None
lock = threading.Lock()
counts = {"requests": 0, "uploads": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        with lock:
            counts["requests"] += 1
            request = counts["requests"]
            if self.command == "PUT":
                counts["uploads"] += 1
            upload = counts["uploads"] if self.command == "PUT" else 0
            if log:
                condition = "if-none-match" if self.headers.get("If-None-Match") else "if-match" if self.headers.get("If-Match") else "-"
                log.write(f"{self.command} {self.path} {condition}\n")
        length = int(self.headers.get("Content-Length") or 0)
        if options.cut_every and upload and upload % options.cut_every == 0:
            self.rfile.read(length // 2)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        body = self.rfile.read(length) if length else b""
        if options.slow_ms:
            time.sleep(options.slow_ms / 1000)
        if options.fail_every and request % options.fail_every == 0:
            answer = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return
        upstream = http.client.HTTPConnection("127.0.0.1", options.upstream, timeout=60)
        headers = {name: value for name, value in self.headers.items()}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = handle_any


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


with Server(("127.0.0.1", 0), Handler) as server:
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever()
