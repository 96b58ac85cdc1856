import { call, failure, say, param, busy, fieldError } from './app.js';

const message = document.getElementById('message');
const form = document.getElementById('reset-form');
const password = document.getElementById('password');
const confirm = document.getElementById('confirm');
const token = param('token');
if (!token) say(message, 'This link has no reset token. Request a new link.', 'error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const ok = [fieldError(password, password.value.length < 8 ? 'Password must be at least 8 characters.' : ''),
    fieldError(confirm, confirm.value !== password.value ? 'The two passwords differ.' : '')].every(Boolean);
  if (!ok) { (password.getAttribute('aria-invalid') === 'true' ? password : confirm).focus(); return; }
  await busy(document.getElementById('save'), async () => {
    const r = await call('/api/auth/reset-password', { method: 'POST', json: { token: token || '', password: password.value } });
    if (r.ok) {
      say(message, r.data.message, 'success');
      form.hidden = true;
      document.getElementById('signin-row').hidden = false;
      return;
    }
    say(message, failure(r, 'The password could not be changed.'), 'error');
  });
});
