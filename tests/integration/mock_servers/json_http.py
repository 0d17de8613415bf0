# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP side the presence mocks share (graph_mock.py, rc_mock.py, circuit_mock.py,
ucwa_mock.py): a handler base with JSON answers, and the start of a mock's threaded server on
127.0.0.1 (python3 only, no packages). Each mock's Handler derives from JsonHandler and adds its
routes; start() binds it to the mock.
"""
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JsonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mock = None  # set by start()

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # headers and body go out in two writes; without this, Nagle and the client's delayed
        # ACK add 40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send_json(self, status, body, headers=None, content_type="application/json"):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        n = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(n) if n else b""


def start(handler, mock, port=0, tls=None):
    """Serves `mock` with `handler` (a JsonHandler class) on 127.0.0.1 (a free port when 0) in a
    daemon thread; returns the server. tls: (certificate file, key file) to answer HTTPS/WSS."""
    bound = type("BoundHandler", (handler,), {"mock": mock})
    server = ThreadingHTTPServer(("127.0.0.1", port), bound)
    server.daemon_threads = True
    if tls is not None:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls[0], tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
