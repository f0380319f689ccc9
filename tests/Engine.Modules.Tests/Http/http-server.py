#!/usr/bin/env python3
"""A real HTTP server on loopback for the get_url and uri tests (started and stopped by HttpServerFixture).

Serves the files of the directory given as argument under /files/, and:
  /echo           any method: JSON {method, headers, body} of the request
  /auth/<file>    a file, only with basic auth user:s3cret (else 401)
  /status/<n>     an empty response with status n
  /redirect/<p>   302 to /<p>
  /api/<p>        any method: 201 and the same JSON as /echo (an API that creates what it is sent)
Listens on 127.0.0.1, or on the address given as second argument (a lab's controller address, for lab hosts).
Prints the port it listens on as its first line.
"""
import base64, email.utils, json, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

root = sys.argv[1]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="application/octet-stream", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def serve_file(self, name):
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            return self.send(404, b"not found")
        # As SimpleHTTPRequestHandler (and nginx, Apache): If-Modified-Since gets a 304 when the file is not newer.
        mtime = int(os.path.getmtime(path))
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if mtime <= email.utils.parsedate_to_datetime(since).timestamp():
                    return self.send(304)
            except (TypeError, ValueError):
                pass
        with open(path, "rb") as f:
            self.send(200, f.read(), extra={"Last-Modified": email.utils.formatdate(mtime, usegmt=True)})

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        p = self.path
        if p == "/echo" or p.startswith("/api/"):
            data = {"method": self.command, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
            return self.send(201 if p.startswith("/api/") else 200, json.dumps(data).encode(), "application/json")
        if p.startswith("/files/"):
            return self.serve_file(p[len("/files/"):])
        if p.startswith("/auth/"):
            expected = "Basic " + base64.b64encode(b"user:s3cret").decode()
            if self.headers.get("Authorization") != expected:
                return self.send(401, b"unauthorized", extra={"WWW-Authenticate": 'Basic realm="t"'})
            return self.serve_file(p[len("/auth/"):])
        if p.startswith("/status/"):
            return self.send(int(p[len("/status/"):]))
        if p.startswith("/redirect/"):
            return self.send(302, extra={"Location": "/" + p[len("/redirect/"):]})
        return self.send(404, b"not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


server = ThreadingHTTPServer((sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
