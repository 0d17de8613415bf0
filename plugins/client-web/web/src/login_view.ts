// SPDX-License-Identifier: GPL-3.0-or-later
// The log-on page: tenant, user, password. Errors are shown beside the form and announced;
// a lock-out shows how long to wait and counts it down.
import { h } from './dom';
import { log_on, type Session } from './http_api';

const kTenantKey = 'portier.console.tenant';

export function show_login(app: HTMLElement, notice: string, on_session: (s: Session) => void): void {
  const saved_tenant = safe_get(kTenantKey) ?? 'DEFAULT';
  const tenant = h('input', { id: 'login-tenant', name: 'tenant', autocomplete: 'organization', required: true,
                              value: saved_tenant, spellcheck: 'false' });
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true,
                            spellcheck: 'false', autocapitalize: 'none' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
                                autocomplete: 'current-password', required: true });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', id: 'login-submit' }, 'Log on');
  const info = h('p', { id: 'login-notice', class: 'notice', role: 'status' }, notice);
  info.hidden = notice === '';
  const form = h('form', { id: 'login-form', class: 'login', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, 'Portier attendant console'),
    info,
    field('Tenant', tenant),
    field('User', user),
    field('Password', password),
    error,
    submit);
  let countdown: number | undefined;

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const values = { tenant: tenant.value.trim(), user: user.value.trim(), password: password.value };
      const missing = (['tenant', 'user', 'password'] as const).filter((k) => values[k] === '');
      if (missing.length > 0) {
        show_error(`Fill in ${missing.join(', ')}.`);
        ({ tenant, user, password })[missing[0] ?? 'tenant'].focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Logging on…';
      const result = await log_on(values.tenant, values.user, values.password);
      submit.textContent = 'Log on';
      if (result.ok) {
        safe_set(kTenantKey, values.tenant);
        if (countdown !== undefined) window.clearInterval(countdown);
        on_session(result.session);
        return;
      }
      password.value = '';
      if (result.kind === 'locked' && result.retry_after_s !== undefined) {
        lock_for(result.retry_after_s);
      } else {
        submit.disabled = false;
        show_error(result.message);
      }
      password.focus();
    })();
  });

  function show_error(text: string): void {
    error.textContent = text;
    password.setAttribute('aria-describedby', 'login-error');
  }

  // The server refuses until the wait is over; the button says so and counts down.
  function lock_for(seconds: number): void {
    let left = seconds;
    show_error(`Too many failed log-ons. Try again in ${left} s.`);
    submit.disabled = true;
    if (countdown !== undefined) window.clearInterval(countdown);
    countdown = window.setInterval(() => {
      left--;
      if (left <= 0) {
        window.clearInterval(countdown);
        countdown = undefined;
        submit.disabled = false;
        submit.textContent = 'Log on';
        error.textContent = 'You can try again now.';
        return;
      }
      // Only the visible text changes; the alert region was read once already.
      submit.textContent = `Log on (wait ${left} s)`;
    }, 1000);
    submit.textContent = `Log on (wait ${left} s)`;
  }

  app.replaceChildren(h('main', { id: 'main', class: 'login-page' }, form));
  app.removeAttribute('aria-busy');
  document.title = 'Log on – Portier attendant console';
  (user.value === '' && saved_tenant !== '' ? user : tenant).focus();
}

function field(label: string, input: HTMLInputElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

function safe_get(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safe_set(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Nothing to remember then.
  }
}
