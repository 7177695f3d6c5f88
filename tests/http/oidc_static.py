#!/usr/bin/python3
"""A stand-in OpenID provider on loopback for the C SSO tests
(test_http_sso.c): the routes Orden can be tested on without a real
provider (login start, callback refusals, logout). The real provider test
is tests/oidc/run.mjs (oidc-provider from npm).

    oidc_static.py --port-file FILE

Serves http://127.0.0.1:PORT/.well-known/openid-configuration (issuer
http://127.0.0.1:PORT, with authorize, token, JWKS and end-session
endpoints), an empty key set, and a token endpoint that refuses every code
(400 invalid_grant). The port goes to FILE once it listens. It stops on
SIGTERM, when its parent is gone, or after ten minutes.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def _json(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = "http://127.0.0.1:%d" % self.server.server_port
        if self.path == "/.well-known/openid-configuration":
            self._json(200, {
                "issuer": base,
                "authorization_endpoint": base + "/authorize",
                "token_endpoint": base + "/token",
                "jwks_uri": base + "/jwks",
                "end_session_endpoint": base + "/logout",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
            })
        elif self.path == "/jwks":
            self._json(200, {"keys": []})
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(n)
        if self.path == "/token":
            self._json(400, {"error": "invalid_grant"})
        else:
            self._json(404, {"error": "not_found"})

    def log_message(self, fmt, *args):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    a = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    parent = os.getppid()

    def watch():
        start = time.monotonic()
        while os.getppid() == parent and time.monotonic() - start < 600:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_port)
    os.rename(tmp, a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
