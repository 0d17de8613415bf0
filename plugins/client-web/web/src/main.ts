// SPDX-License-Identifier: GPL-3.0-or-later
// Start: a valid session cookie goes straight to the console, else the log-on page.
import './styles.css';
import { by_id, h } from './dom';
import { current_session, type Session } from './http_api';
import { show_console } from './console_app';
import { show_login } from './login_view';

const kRetryMs = 3000;

function start_console(session: Session): void {
  show_console(by_id('app'), session, (reason) => show_login(by_id('app'), reason, start_console));
}

async function boot(): Promise<void> {
  const app = by_id('app');
  const session = await current_session();
  if (session === 'unreachable') {
    app.replaceChildren(h('main', { id: 'main', class: 'login-page' },
      h('h1', {}, 'Portier attendant console'),
      h('p', { role: 'status' }, 'The server cannot be reached. Trying again…')));
    app.removeAttribute('aria-busy');
    window.setTimeout(() => void boot(), kRetryMs);
    return;
  }
  if (session === undefined) show_login(app, '', start_console);
  else start_console(session);
}

void boot();
