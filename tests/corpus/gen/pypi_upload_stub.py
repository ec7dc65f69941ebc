#!/usr/bin/python3
"""A package index's legacy upload endpoint for tests/corpus/py2 (127.0.0.1 only).

Usage: pypi_upload_stub.py PORT

POST /legacy/ answers the way PyPI (Warehouse) refuses an upload: the refusal is the HTTP reason
phrase itself (twine prints it under its `HTTPError: <status> <phrase> from <url>` line).
  password "pypi-expired"  403 Invalid or non-existent authentication information. …
  anything else            400 File already exists ('<file>', with blake2_256 hash '<hash>'). …
The reason texts are PyPI's (warehouse/forklift/legacy.py), as real job logs show them.
"""
import re
import sys
from base64 import b64decode
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    server_version = "nginx"
    sys_version = ""

    def log_message(self, fmt, *args):  # keep the capture clean
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        auth = self.headers.get("authorization", "")
        password = ""
        if auth.startswith("Basic "):
            password = b64decode(auth[6:]).decode().partition(":")[2]
        if password == "pypi-expired":
            reason = ("Invalid or non-existent authentication information. "
                      "See https://pypi.org/help/#invalid-auth for more information.")
            code = 403
        else:
            m = re.search(rb'filename="([^"]+)"', body)
            name = m.group(1).decode() if m else "dist"
            m = re.search(rb'name="blake2_256_digest"\r\n\r\n([0-9a-f]+)', body)
            digest = m.group(1).decode() if m else ""
            reason = (f"File already exists ('{name}', with blake2_256 hash '{digest}'). "
                      "See https://pypi.org/help/#file-name-reuse for more information.")
            code = 400
        page = f"<html><head><title>{code} {reason}</title></head><body><h1>{code} {reason}</h1></body></html>"
        data = page.encode()
        self.send_response(code, reason)
        self.send_header("content-type", "text/html; charset=UTF-8")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
