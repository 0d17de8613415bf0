// SPDX-License-Identifier: GPL-3.0-or-later
// The log-on API of client.web: POST, GET and DELETE /api/session. The session itself is an
// HttpOnly cookie the page never sees; the CSRF token comes in the JSON and goes back in a header.

export interface Account {
  tenant: string;
  user: string;
  role: string;  // system_manager | tenant_manager | attendant
}

export interface Session {
  account: Account;
  csrf: string;
}

export type LogOnResult =
  | { ok: true; session: Session }
  | { ok: false; kind: 'denied' | 'locked' | 'busy' | 'invalid' | 'failed'; message: string; retry_after_s?: number };

interface AnswerJson {
  ok?: boolean;
  account?: Account;
  csrf?: string;
  error?: string;
  message?: string;
  retry_after_ms?: number;
}

async function read_json(response: Response): Promise<AnswerJson> {
  try {
    const value: unknown = await response.json();
    return typeof value === 'object' && value !== null ? (value as AnswerJson) : {};
  } catch {
    return {};
  }
}

function session_of(body: AnswerJson): Session | undefined {
  const a = body.account;
  if (body.ok !== true || a === undefined || typeof body.csrf !== 'string') return undefined;
  if (typeof a.tenant !== 'string' || typeof a.user !== 'string' || typeof a.role !== 'string') return undefined;
  return { account: { tenant: a.tenant, user: a.user, role: a.role }, csrf: body.csrf };
}

export async function log_on(tenant: string, user: string, password: string): Promise<LogOnResult> {
  let response: Response;
  try {
    response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ tenant, user, password }),
    });
  } catch {
    return { ok: false, kind: 'failed', message: 'The server cannot be reached. Try again in a moment.' };
  }
  const body = await read_json(response);
  const session = response.ok ? session_of(body) : undefined;
  if (session !== undefined) return { ok: true, session };
  if (response.status === 429) {
    const header = Number(response.headers.get('Retry-After'));
    const seconds = Number.isFinite(header) && header > 0 ? header : Math.ceil((body.retry_after_ms ?? 30000) / 1000);
    return { ok: false, kind: 'locked', retry_after_s: seconds,
             message: `Too many failed log-ons. Try again in ${seconds} s.` };
  }
  if (response.status === 401) return { ok: false, kind: 'denied', message: 'Wrong tenant, user or password.' };
  if (response.status === 503) return { ok: false, kind: 'busy', message: 'The server is busy. Try again in a moment.' };
  if (response.status === 400) return { ok: false, kind: 'invalid', message: body.message ?? 'Fill in tenant, user and password.' };
  return { ok: false, kind: 'failed', message: body.message ?? `The log-on failed (HTTP ${response.status}).` };
}

// The session behind the cookie, or undefined when there is none (401) or the server is away.
export async function current_session(): Promise<Session | undefined | 'unreachable'> {
  let response: Response;
  try {
    response = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return 'unreachable';
  }
  if (response.status === 401) return undefined;
  if (!response.ok) return 'unreachable';
  return session_of(await read_json(response));
}

export async function log_off(csrf: string): Promise<boolean> {
  try {
    const response = await fetch('/api/session', {
      method: 'DELETE',
      headers: { 'X-CSRF-Token': csrf },
      credentials: 'same-origin',
    });
    return response.status === 204 || response.status === 401;
  } catch {
    return false;
  }
}
