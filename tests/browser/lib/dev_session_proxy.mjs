// SPDX-License-Identifier: GPL-3.0-or-later
// For developing the console before portierd had the log-on API: a loopback proxy in front of
// client.web that answers /api/session itself (anna / secret-anna, the contract's shapes:
// cookie, CSRF token, 401, 429 after five failures) and passes everything else, the /ws
// upgrade included, through unchanged. The tests use it only with PORTIER_BROWSER_DEV_PROXY=1;
// without it they run against portierd's own log-on.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

export async function start_dev_proxy(upstream_port) {
  const sessions = new Map();
  let failures = 0;
  const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const session_of = (req) => {
    const m = /(?:^|;\s*)portier_session=([^;]+)/.exec(req.headers.cookie ?? '');
    return m ? sessions.get(m[1]) : undefined;
  };
  const server = http.createServer((req, res) => {
    if (req.url === '/api/session') {
      const s = session_of(req);
      if (req.method === 'GET') return s ? json(res, 200, { ok: true, account: s.account, csrf: s.csrf })
                                         : json(res, 401, { ok: false, error: 'unauthorized', message: 'no session' });
      if (req.method === 'DELETE') {
        if (!s || req.headers['x-csrf-token'] !== s.csrf) return json(res, 403, { ok: false, error: 'forbidden', message: 'csrf' });
        sessions.delete(s.id);
        res.writeHead(204).end();
        return;
      }
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        let v = {};
        try { v = JSON.parse(body); } catch { /* invalid below */ }
        if (failures >= 5) return json(res, 429, { ok: false, error: 'locked', retry_after_ms: 30000 }, { 'Retry-After': '30' });
        if (v.tenant !== 'DEFAULT' || v.user !== 'anna' || v.password !== 'secret-anna') {
          failures++;
          return json(res, 401, { ok: false, error: 'denied', message: 'wrong tenant, user or password' });
        }
        failures = 0;
        const id = randomBytes(32).toString('base64url');
        const s = { id, csrf: randomBytes(16).toString('hex'), account: { tenant: 'DEFAULT', user: 'anna', role: 'attendant' } };
        sessions.set(id, s);
        json(res, 200, { ok: true, account: s.account, csrf: s.csrf },
             { 'Set-Cookie': `portier_session=${id}; Path=/; HttpOnly; SameSite=Strict` });
      });
      return;
    }
    const up = http.request({ host: '127.0.0.1', port: upstream_port, path: req.url, method: req.method, headers: req.headers },
                            (r) => { res.writeHead(r.statusCode ?? 502, r.headers); r.pipe(res); });
    up.on('error', () => { res.writeHead(502).end(); });
    req.pipe(up);
  });
  server.on('upgrade', (req, socket, head) => {
    if (session_of(req) === undefined) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const up = net.connect(upstream_port, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => { server.closeAllConnections?.(); server.close(); } };
}
