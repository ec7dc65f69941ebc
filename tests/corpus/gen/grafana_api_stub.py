#!/usr/bin/python3
"""Grafana HTTP API STUB (corpus generator only): answers like Grafana's dashboard API.

Usage: grafana_api_stub.py PORT TOKEN [DASHBOARD_UID:VERSION ...]
Bodies as Grafana writes them: API key middleware {"message":"Invalid API key"} (401);
pkg/services/dashboards/errors.go: 404 {"message":"Dashboard not found","status":"not-found"} (body of
DashboardErr) and 412 {"message":"The dashboard has been changed by someone else","status":"version-mismatch"};
GET /api/dashboards/uid/X of a missing uid: {"message":"Dashboard not found"}; POST /api/dashboards/db
success {"id":..,"slug":..,"status":"success","uid":..,"url":..,"version":..}.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, TOKEN = int(sys.argv[1]), sys.argv[2]
DASH = dict((a.split(":")[0], int(a.split(":")[1])) for a in sys.argv[3:])


class H(BaseHTTPRequestHandler):
    server_version = "Grafana"

    def log_message(self, *a):
        pass

    def reply(self, code, obj):
        b = json.dumps(obj, separators=(",", ":")).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "deny")
        self.send_header("X-Xss-Protection", "1; mode=block")
        self.end_headers()
        self.wfile.write(b)

    def auth(self):
        if self.headers.get("Authorization", "") != "Bearer " + TOKEN:
            self.reply(401, {"message": "Invalid API key"})
            return False
        return True

    def do_GET(self):
        if not self.auth():
            return
        if self.path.startswith("/api/dashboards/uid/"):
            uid = self.path.rsplit("/", 1)[1]
            if uid not in DASH:
                return self.reply(404, {"message": "Dashboard not found"})
            return self.reply(200, {"meta": {"slug": uid, "version": DASH[uid]},
                                    "dashboard": {"uid": uid, "title": uid, "version": DASH[uid]}})
        if self.path == "/api/health":
            return self.reply(200, {"commit": "03f502a94d", "database": "ok", "version": "10.4.2"})
        self.reply(404, {"message": "Not found"})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n) or b"{}")
        if not self.auth():
            return
        if self.path == "/api/dashboards/db":
            d = body.get("dashboard", {})
            uid = d.get("uid")
            if uid in DASH and not body.get("overwrite") and d.get("version", 0) != DASH[uid]:
                return self.reply(412, {"message": "The dashboard has been changed by someone else",
                                        "status": "version-mismatch"})
            if uid not in DASH and d.get("id"):
                return self.reply(404, {"message": "Dashboard not found", "status": "not-found"})
            DASH[uid] = DASH.get(uid, 0) + 1
            return self.reply(200, {"id": 42, "slug": uid, "status": "success", "uid": uid,
                                    "url": "/d/%s/%s" % (uid, uid), "version": DASH[uid]})
        self.reply(404, {"message": "Not found"})


ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
