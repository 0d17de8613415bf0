# SPDX-License-Identifier: GPL-3.0-or-later
"""The server side of RFC 6455 for the presence mocks' event channels (rc_ws.py for RingCentral,
circuit_mock.py for Circuit), on an http.server handler (python3 only, no packages).

accept(handler) answers the upgrade (101 with Sec-WebSocket-Accept) and returns a WsPeer; the
mock checks the request (path, token, Upgrade header) first. WsPeer writes unmasked frames
(thread-safe: a mock pushes events from other threads) and reads the client's masked ones;
pump(peer, on_text) runs a connection until it ends: a close is answered with its code, pings
with pongs, binary and continuation frames are ignored, and each text frame goes to on_text.
"""
import base64
import hashlib
import json
import socket
import struct
import threading

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_TEXT, OP_CLOSE, OP_PING, OP_PONG = 1, 8, 9, 10


def accept_key(key):
    """Sec-WebSocket-Accept for the client's Sec-WebSocket-Key."""
    return base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()


def upgrade_asked(handler):
    """The client's key when the request asks for a WebSocket upgrade, else None."""
    key = handler.headers.get("Sec-WebSocket-Key")
    if not key or "websocket" not in (handler.headers.get("Upgrade") or "").lower():
        return None
    return key


def accept(handler, key, max_message=16 << 20):
    """Sends the 101 answer for `key` and returns the connection's WsPeer."""
    handler.send_response(101)
    handler.send_header("Upgrade", "websocket")
    handler.send_header("Connection", "Upgrade")
    handler.send_header("Sec-WebSocket-Accept", accept_key(key))
    handler.end_headers()
    handler.wfile.flush()
    return WsPeer(handler, max_message)


class WsPeer:
    """One server side of a connection: frames in from rfile, out to wfile."""

    def __init__(self, handler, max_message=16 << 20):
        self.handler = handler
        self.max_message = max_message   # a longer client frame ends the connection
        self.send_lock = threading.Lock()
        self.closed = False

    def frame(self, opcode, data):
        n = len(data)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([n])
        elif n < 65536:
            head += bytes([126]) + struct.pack("!H", n)
        else:
            head += bytes([127]) + struct.pack("!Q", n)
        with self.send_lock:
            if self.closed:
                return
            try:
                self.handler.wfile.write(head + data)
                self.handler.wfile.flush()
            except OSError:
                self.closed = True

    def send(self, obj):
        self.frame(OP_TEXT, json.dumps(obj).encode())

    def close(self, code, reason):
        self.frame(OP_CLOSE, struct.pack("!H", code) + reason.encode())

    def drop(self):
        """Ends the connection without a close frame, as a network failure would."""
        with self.send_lock:
            self.closed = True
        try:
            self.handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def read_frame(self):
        """(opcode, payload) or None when the connection ended; client frames must be masked."""
        r = self.handler.rfile
        head = r.read(2)
        if len(head) < 2 or not head[1] & 0x80:
            return None
        opcode, n = head[0] & 0x0F, head[1] & 0x7F
        if n == 126:
            n = struct.unpack("!H", r.read(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", r.read(8))[0]
        if n > self.max_message:
            return None
        mask = r.read(4)
        data = bytearray(r.read(n))
        if len(mask) < 4 or len(data) < n:
            return None
        for i in range(n):
            data[i] ^= mask[i % 4]
        return opcode, bytes(data)


def pump(peer, on_text):
    """Reads frames until the connection ends or the client closes; on_text(bytes) per text frame."""
    while True:
        got = peer.read_frame()
        if got is None:
            return
        opcode, data = got
        if opcode == OP_CLOSE:
            peer.frame(OP_CLOSE, data[:2])
            return
        if opcode == OP_PING:
            peer.frame(OP_PONG, data)
        elif opcode == OP_TEXT:
            on_text(data)
