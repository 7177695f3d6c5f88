#!/usr/bin/python3
"""A real SMTP server on loopback for the e-mail tests (Debian's aiosmtpd).

    smtp_sink.py --dir DIR --port-file FILE [--port N] [--stall]

Every message it takes is written to DIR as one JSON file (envelope sender
and recipients, the decoded subject and body, Message-ID, Content-Language
and the raw text), renamed into place only when complete. The port goes to
FILE once it listens. With --stall it answers no DATA command: it writes
DIR/stalled and waits, so that a test can kill the sender mid-send.

It stops by itself when its parent (the test) is gone, on SIGTERM, or
after ten minutes at most.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, outdir, stall):
        self.outdir = outdir
        self.stall = stall

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            with open(os.path.join(self.outdir, "stalled"), "w"):
                pass
            await asyncio.sleep(3600)
        msg = email.message_from_bytes(envelope.content,
                                       policy=email.policy.default)
        rec = {
            "from": envelope.mail_from,
            "rcpt": list(envelope.rcpt_tos),
            "subject": str(msg["subject"] or ""),
            "message_id": str(msg["message-id"] or ""),
            "language": str(msg["content-language"] or ""),
            "body": msg.get_content() if not msg.is_multipart() else "",
            "raw": envelope.content.decode("utf-8", "replace"),
        }
        name = "%d.json" % time.time_ns()
        tmp = os.path.join(self.outdir, "." + name)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(rec, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.outdir, name))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--stall", action="store_true")
    a = ap.parse_args()
    parent = os.getppid()
    port = a.port or free_port()
    ctl = Controller(Sink(a.dir, a.stall), hostname="127.0.0.1", port=port)
    ctl.start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, a.port_file)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    deadline = time.monotonic() + 600
    while not stop and os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.1)
    # The stalled handler never returns: leave without waiting for it.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
