#!/usr/bin/python3
"""Registry STUB for tests/corpus/ctr: answers the Docker Registry HTTP API v2 like a hosted
registry that refuses the request (127.0.0.1 only). The client output (docker, podman, skopeo,
buildah) in the corpus is real; only the server's error code + message come from here, worded as
users report them (see tests/corpus/ctr notes):

  ghcr-denied    push: 403 DENIED "permission_denied: write_package"            (ghcr.io)
  ghcr-org       push: 403 DENIED "installation not allowed to Write organization package"
  gar-denied     push: 403 DENIED Permission "artifactregistry.repositories.uploadArtifacts" ...
  ecr-expired    push: 403 DENIED "Your authorization token has expired. Reauthenticate and try again."
  hub-ratelimit  pull: 429 TOOMANYREQUESTS "You have reached your pull rate limit. ..."

Usage: ctr_stub_registry.py PORT:MODE [PORT:MODE ...]
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MESSAGES = {
    "ghcr-denied": (403, "DENIED", "permission_denied: write_package"),
    "ghcr-org": (403, "DENIED", "installation not allowed to Write organization package"),
    "gar-denied": (403, "DENIED", 'Permission "artifactregistry.repositories.uploadArtifacts" denied on resource '
                                  '"projects/halcyon-prod-4471/locations/europe-west1/repositories/services" '
                                  "(or it may not exist)"),
    "ecr-expired": (403, "DENIED", "Your authorization token has expired. Reauthenticate and try again."),
    "hub-ratelimit": (429, "TOOMANYREQUESTS", "You have reached your pull rate limit. You may increase the "
                                              "limit by authenticating and upgrading: "
                                              "https://www.docker.com/increase-rate-limit"),
}


def make_handler(mode):
    status, code, message = MESSAGES[mode]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def reply(self, st, obj=None):
            body = json.dumps(obj).encode() if obj is not None else b""
            self.send_response(st)
            self.send_header("Docker-Distribution-Api-Version", "registry/2.0")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def refuse(self):
            self.reply(status, {"errors": [{"code": code, "message": message, "detail": None}]})

        def route(self):
            path = self.path.split("?")[0]
            if path == "/v2/":
                return self.reply(200, {})
            if mode == "hub-ratelimit" and "/manifests/" in path:
                return self.refuse()
            if "/blobs/uploads/" in path or (self.command in ("PUT", "POST", "PATCH") and "/manifests/" in path):
                n = int(self.headers.get("Content-Length") or 0)
                if n:
                    self.rfile.read(n)
                return self.refuse()
            if "/blobs/" in path:
                return self.reply(404, {"errors": [{"code": "BLOB_UNKNOWN", "message": "blob unknown to registry"}]})
            if "/manifests/" in path:
                return self.reply(404, {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown"}]})
            return self.reply(404, {"errors": [{"code": "NAME_UNKNOWN", "message": "repository name not known to registry"}]})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = route

    return Handler


def main():
    servers = []
    for arg in sys.argv[1:]:
        port, mode = arg.split(":", 1)
        srv = ThreadingHTTPServer(("127.0.0.1", int(port)), make_handler(mode))
        servers.append(srv)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
