#!/usr/bin/python3
"""A webhook receiver on loopback for the webhook tests (Python's http.server).

    webhook_sink.py --dir DIR --port-file FILE [--port N] [--status CODE] [--stall]

Every POST it takes is written to DIR as one JSON file (path, the headers
Orden-Signature, Orden-Delivery, Orden-Event and Content-Type, and the body
as text), renamed into place only when complete, and answered with CODE
(default 204). The port goes to FILE once it listens. With --stall it
writes DIR/stalled and never answers, so that a test can kill the sender
mid-send.

It stops by itself when its parent (the test) is gone, on SIGTERM, or after
ten minutes at most.
"""
import argparse
import http.server
import json
import os
import signal
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--status", type=int, default=204)
    ap.add_argument("--stall", action="store_true")
    a = ap.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n).decode("utf-8", "replace")
            if a.stall:
                with open(os.path.join(a.dir, "stalled"), "w"):
                    pass
                time.sleep(3600)
            rec = {
                "path": self.path,
                "signature": self.headers.get("Orden-Signature") or "",
                "delivery": self.headers.get("Orden-Delivery") or "",
                "event": self.headers.get("Orden-Event") or "",
                "content_type": self.headers.get("Content-Type") or "",
                "body": body,
            }
            name = "%d.json" % time.time_ns()
            tmp = os.path.join(a.dir, "." + name)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(rec, f, ensure_ascii=False)
            os.rename(tmp, os.path.join(a.dir, name))
            self.send_response(a.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    parent = os.getppid()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    deadline = time.monotonic() + 600
    while not stop and os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.1)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
