// GET /api/auth/signout lands here (next-auth's confirmation): one button posts the sign-out with the CSRF token.
import { base, call, csrfToken, failure, say, param, busy } from './app.js';

const message = document.getElementById('message');
const button = document.getElementById('sign-out');
button.addEventListener('click', () => busy(button, async () => {
  const r = await call('/api/auth/signout', { method: 'POST',
    form: { csrfToken: await csrfToken(), callbackUrl: param('callbackUrl') || base + '/auth/sign-in?signedOut=1', json: 'true' } });
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  location.assign(r.data.url || base + '/auth/sign-in?signedOut=1');
}));
button.focus();
