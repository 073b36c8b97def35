#!/usr/bin/env python3
"""Alertmanager webhook sink for bin/accelmon-stack: answers 200 to every POST and appends its body as one JSON
line to a file. Usage: webhook-sink.py PORT FILE (listens on 127.0.0.1 only)."""
import http.server
import json
import sys

port, out = int(sys.argv[1]), sys.argv[2]


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            line = json.dumps(json.loads(body), separators=(",", ":"))
        except ValueError:
            line = json.dumps({"path": self.path, "unparsed": body.decode("utf-8", "replace")})
        with open(out, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("webhook: " + (fmt % args) + "\n")


http.server.ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
