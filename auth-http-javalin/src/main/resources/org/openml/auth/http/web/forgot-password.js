import { call, failure, say, busy, EMAIL, fieldError } from './app.js';

const message = document.getElementById('message');
const email = document.getElementById('email');

document.getElementById('forgot-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const address = email.value.trim();
  if (!fieldError(email, !address ? 'Enter your email address.' : EMAIL.test(address) ? '' : 'Please enter a valid email address.')) {
    email.focus();
    return;
  }
  await busy(document.getElementById('send'), async () => {
    const r = await call('/api/auth/forgot-password', { method: 'POST', json: { email: address } });
    say(message, r.ok ? r.data.message : failure(r), r.ok ? 'success' : 'error');
  });
});
