#!/usr/bin/env python3
"""A small in-memory S3 store on loopback that answers the way a store someone else controls
might: the tests use it to show that whatever cfaccess reads back from a bucket is input.

It keeps objects in memory (PUT with If-None-Match / If-Match, copies, GET, HEAD, DELETE,
ListObjectsV2 with prefix, start-after and max-keys; signatures are not checked), and on top:
  --plant FILE       objects to hold from the start: JSON {key: text}
  --missing TEXT     GET and HEAD of a key containing TEXT answer 404, though listings show it
  --hide TEXT        listings leave out keys containing TEXT, though GET serves them
  --same-page        listings ignore start-after: every page is the first (a listing that never ends)
  --endless TEXT     GET of a key containing TEXT sends a body that never ends
  --log FILE         each request as it arrives: `METHOD PATH`

Prints `listening on PORT`, then serves until killed."""
import argparse, email.utils, hashlib, json, socketserver, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler

parser = argparse.ArgumentParser()
parser.add_argument("--plant")
parser.add_argument("--missing")
parser.add_argument("--hide")
parser.add_argument("--same-page", action="store_true")
parser.add_argument("--endless")
parser.add_argument("--log")
options = parser.parse_args()
log = open(options.log, "a", buffering=1) if options.log else None
lock = threading.Lock()
objects = {}  # "bucket/key" -> (bytes, metadata, etag, time)

if options.plant:
    for key, text in json.load(open(options.plant)).items():
        data = text.encode()
        objects[key] = (data, {}, '"%s"' % hashlib.md5(data).hexdigest(), time.time())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=None, head=False):
        self.send_response(status)
        self.send_header("Date", email.utils.formatdate(usegmt=True))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def error(self, status, code):
        self.answer(status, f"<Error><Code>{code}</Code><Message>{code}</Message></Error>".encode())

    def handle_any(self):
        if log:
            log.write(f"{self.command} {self.path}\n")
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path).lstrip("/")
        query = urllib.parse.parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if "/" not in path.rstrip("/") and self.command == "GET":
            return self.listing(path.rstrip("/"), query)
        if options.missing and options.missing in path and self.command in ("GET", "HEAD"):
            return self.error(404, "NoSuchKey")
        with lock:
            stored = objects.get(path)
        if self.command in ("GET", "HEAD"):
            if stored is None:
                return self.error(404, "NoSuchKey") if self.command == "GET" else self.answer(404, head=True)
            if options.endless and options.endless in path and self.command == "GET":
                return self.endless()
            data, metadata, etag, stamp = stored
            headers = {"ETag": etag, "Last-Modified": email.utils.formatdate(stamp, usegmt=True)}
            headers.update({"x-amz-meta-" + name: value for name, value in metadata.items()})
            return self.answer(200, data, headers, head=self.command == "HEAD")
        if self.command == "DELETE":
            with lock:
                objects.pop(path, None)
            return self.answer(204)
        if self.command == "PUT":
            metadata = {name[11:].lower(): value for name, value in self.headers.items() if name.lower().startswith("x-amz-meta-")}
            source = self.headers.get("x-amz-copy-source")
            with lock:
                if source:
                    copied = objects.get(urllib.parse.unquote(source).lstrip("/"))
                    if copied is None:
                        return self.error(404, "NoSuchKey")
                    body, metadata = copied[0], copied[1]
                if self.headers.get("If-None-Match") == "*" and path in objects:
                    return self.error(412, "PreconditionFailed")
                wanted = self.headers.get("If-Match")
                if wanted and (path not in objects or objects[path][2] != wanted):
                    return self.error(412, "PreconditionFailed")
                etag = '"%s"' % hashlib.md5(body + str(time.time()).encode()).hexdigest()
                objects[path] = (body, metadata, etag, time.time())
            return self.answer(200, b"<CopyObjectResult/>" if source else b"", {"ETag": etag})
        self.error(405, "MethodNotAllowed")

    def listing(self, bucket, query):
        prefix = query.get("prefix", [""])[0]
        after = "" if options.same_page else query.get("start-after", [""])[0]
        most = int(query.get("max-keys", ["1000"])[0])
        with lock:
            keys = sorted(key[len(bucket) + 1:] for key in objects if key.startswith(bucket + "/"))
        keys = [key for key in keys if key.startswith(prefix) and key > after and not (options.hide and options.hide in key)]
        body = "<ListBucketResult>" + "".join(f"<Contents><Key>{key}</Key></Contents>" for key in keys[:most]) + "</ListBucketResult>"
        self.answer(200, body.encode(), {"Content-Type": "application/xml"})

    def endless(self):
        self.send_response(200)
        self.send_header("Date", email.utils.formatdate(usegmt=True))
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = handle_any


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Handler)
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
