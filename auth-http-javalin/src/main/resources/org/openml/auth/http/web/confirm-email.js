import { call, failure, say, param, busy, EMAIL, fieldError } from './app.js';

const message = document.getElementById('message');
const resendForm = document.getElementById('resend-form');
const email = document.getElementById('email');

(async () => {
  const token = param('token');
  if (!token) { say(message, 'This link has no confirmation token. Open the link from the email again.', 'error'); resendForm.hidden = false; return; }
  const r = await call('/api/auth/confirm-email?token=' + encodeURIComponent(token));
  if (r.ok) {
    say(message, r.data.message, 'success');
    const go = document.getElementById('go-sign-in');
    if (r.data.email) go.href += '?email=' + encodeURIComponent(r.data.email);
    document.getElementById('signin-row').hidden = false;
    go.focus();
    return;
  }
  say(message, failure(r, 'This confirmation link does not work.'), 'error');
  resendForm.hidden = false;
})();

resendForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!fieldError(email, EMAIL.test(email.value.trim()) ? '' : 'Please enter a valid email address.')) { email.focus(); return; }
  await busy(document.getElementById('resend'), async () => {
    const r = await call('/api/auth/resend-confirmation', { method: 'POST', json: { email: email.value.trim() } });
    say(message, r.ok ? r.data.message : failure(r), r.ok ? 'success' : 'error');
  });
});
