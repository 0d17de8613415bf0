#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A tiny HTTP proxy on 127.0.0.1 for the proxy tests (python3 only): CONNECT host:port opens a
tunnel (the WebSocket client's way), an absolute-form request (libcurl's way for http:// URLs) is
passed through to its host unchanged. Only 127.0.0.1 targets are accepted. `connects` lists the
CONNECT targets, `forwards` counts the other connections."""
import socket
import threading


class ConnectProxy:
    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.connects = []
        self.forwards = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    def serve(self, client):
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 16384:
            chunk = client.recv(4096)
            if not chunk:
                client.close()
                return
            head += chunk
        line = head.split(b"\r\n", 1)[0].decode(errors="replace").split()
        if len(line) < 3:
            client.close()
            return
        if line[0] == "CONNECT":
            host, _, port = line[1].rpartition(":")
            rest = head.split(b"\r\n\r\n", 1)[1]
        else:
            authority = line[1].split("//", 1)[-1].split("/", 1)[0]
            host, _, port = authority.rpartition(":")
            rest = head
        if host != "127.0.0.1":
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            client.close()
            return
        upstream = socket.create_connection((host, int(port or 80)))
        with self.lock:
            if line[0] == "CONNECT":
                self.connects.append(line[1])
            else:
                self.forwards += 1
        if line[0] == "CONNECT":
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest:
            upstream.sendall(rest)
        threading.Thread(target=self.pipe, args=(upstream, client), daemon=True).start()
        self.pipe(client, upstream)

    @staticmethod
    def pipe(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self):
        self.listener.close()
