#!/usr/bin/python3
"""Small real HTTP service used as the smoke-test target of tests/corpus/ctr (127.0.0.1 only).

Usage: ctr_stub_app.py PORT [--tls CERT KEY] [--warmup SECONDS]

Routes (the client output in the corpus is whatever curl/wget/httpie/requests/node/pytest print
for these answers):
  /healthz, /health/live        200 {"status": "ok"}
  /readyz, /health/ready        503 {"status": "unavailable", ...}  (200 after --warmup seconds)
  /api/v1/version               200 {"version": ...}
  /api/v1/orders, /api/v1/me    401 {"detail": "Not authenticated"} without "Authorization: Bearer smoke-ok"
  /api/token, /api/login (POST) 401 {"detail": "Invalid credentials"} unless password=smoke-ok
  /api/v2/catalog               502 Bad Gateway (HTML body, like a reverse proxy)
  /api/v1/reports               500 {"error": "internal"}
  /admin/metrics                403 {"detail": "Forbidden"}
  /slow                         answers after 30 s
  anything else                 404 {"detail": "Not Found"}
"""
import json
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STARTED = time.time()
WARMUP = 0.0


class Handler(BaseHTTPRequestHandler):
    server_version = "uvicorn"
    sys_version = ""

    def log_message(self, fmt, *args):  # keep the capture clean
        pass

    def send_json(self, code, obj, extra=None):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self):
        path = self.path.split("?")[0]
        ready = time.time() - STARTED >= WARMUP
        if path in ("/healthz", "/health/live"):
            return self.send_json(200, {"status": "ok"})
        if path in ("/readyz", "/health/ready"):
            if ready and WARMUP > 0:
                return self.send_json(200, {"status": "ready", "checks": {"database": "ok", "cache": "ok"}})
            return self.send_json(503, {"status": "unavailable",
                                        "checks": {"database": "connection refused", "cache": "ok"}})
        if path == "/api/v1/version":
            return self.send_json(200, {"version": "2.14.0", "commit": "9c41e7a"})
        if path in ("/api/v1/orders", "/api/v1/me"):
            if self.headers.get("Authorization") == "Bearer smoke-ok":
                return self.send_json(200, {"items": [], "total": 0})
            return self.send_json(401, {"detail": "Not authenticated"}, {"www-authenticate": "Bearer"})
        if path in ("/api/token", "/api/login") and self.command == "POST":
            n = int(self.headers.get("content-length") or 0)
            data = self.rfile.read(n).decode(errors="replace")
            if "smoke-ok" in data:
                return self.send_json(200, {"access_token": "smoke-ok", "token_type": "bearer"})
            return self.send_json(401, {"detail": "Invalid credentials"})
        if path == "/api/v2/catalog":
            body = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
            self.send_response(502)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            return self.wfile.write(body)
        if path == "/api/v1/reports":
            return self.send_json(500, {"error": "internal", "request_id": "7f3a91c2"})
        if path == "/admin/metrics":
            return self.send_json(403, {"detail": "Forbidden"})
        if path == "/slow":
            time.sleep(30)
            return self.send_json(200, {"status": "late"})
        return self.send_json(404, {"detail": "Not Found"})

    do_GET = do_POST = do_HEAD = route


def main():
    global WARMUP
    port = int(sys.argv[1])
    args = sys.argv[2:]
    srv = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    if "--warmup" in args:
        WARMUP = float(args[args.index("--warmup") + 1])
    if "--tls" in args:
        i = args.index("--tls")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args[i + 1], args[i + 2])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
