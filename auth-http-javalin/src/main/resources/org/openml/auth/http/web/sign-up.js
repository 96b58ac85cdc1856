import { base, call, failure, say, busy, EMAIL, fieldError, passkeysSupported, createPasskey, passkeyFailure } from './app.js';

const message = document.getElementById('message');
const form = document.getElementById('sign-up-form');
const [firstName, lastName, email, password] = ['firstName', 'lastName', 'email', 'password'].map((id) => document.getElementById(id));

/** The server's rules, checked before sending: all fields, email shape, password of 8 or more. */
function valid(withPassword) {
  const checks = [
    fieldError(firstName, firstName.value.trim() ? '' : 'Enter your first name.'),
    fieldError(lastName, lastName.value.trim() ? '' : 'Enter your last name.'),
    fieldError(email, !email.value.trim() ? 'Enter your email address.' : EMAIL.test(email.value.trim()) ? '' : 'Please enter a valid email address.'),
    fieldError(password, !withPassword ? '' : !password.value ? 'Choose a password.'
      : password.value.length < 8 ? 'Password must be at least 8 characters.' : ''),
  ];
  const first = [firstName, lastName, email, password].find((_, i) => !checks[i]);
  if (first) { first.focus(); say(message, 'Please correct the highlighted fields.', 'error'); }
  return !first;
}

const fields = () => ({ firstName: firstName.value.trim(), lastName: lastName.value.trim(), email: email.value.trim() });

function serverFieldError(r) {
  const code = r.data.code;
  if (code === 'email_taken' || code === 'invalid_email') fieldError(email, r.data.message || r.data.error);
  if (code === 'password_too_short' || code === 'password_too_long') fieldError(password, r.data.message);
  if (code === 'email_taken') { say(message, 'That email is already registered. Sign in instead, or reset your password.', 'error'); return; }
  say(message, failure(r), 'error');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!valid(true)) return;
  await busy(document.getElementById('create'), async () => {
    say(message, 'Creating your account…');
    const r = await call('/api/auth/register', { method: 'POST', json: { ...fields(), password: password.value } });
    if (!r.ok) { serverFieldError(r); return; }
    say(message, '');
    form.hidden = true;
    document.getElementById('sent-to').textContent = fields().email;
    if (r.data.confirmationMailSent === false) {
      // The link could not even be queued (database trouble): the account exists, but no link is on its way.
      document.getElementById('sent-note').hidden = true;
      document.getElementById('not-sent-to').textContent = fields().email;
      document.getElementById('not-sent-note').hidden = false;
      document.getElementById('check-email-title').textContent = 'Account created';
    }
    const done = document.getElementById('check-email');
    done.hidden = false;
    done.focus();
  });
});

document.getElementById('resend').addEventListener('click', (event) => busy(event.currentTarget, async () => {
  const r = await call('/api/auth/resend-confirmation', { method: 'POST', json: { email: fields().email } });
  say(message, r.ok ? 'A new link is on its way. ' + r.data.message : failure(r), r.ok ? 'success' : 'error');
}));

const passkeyButton = document.getElementById('passkey-sign-up');
if (!passkeysSupported()) passkeyButton.hidden = true;
passkeyButton.addEventListener('click', () => {
  if (!valid(false)) return;
  return busy(passkeyButton, async () => {
    const options = await call('/api/auth/passkey/signup-options', { method: 'POST', json: fields() });
    if (!options.ok) { serverFieldError(options); return; }
    let credential;
    try { credential = await createPasskey(options.data); } catch (e) { say(message, passkeyFailure(e), 'error'); return; }
    const r = await call('/api/auth/passkey/signup-verify', { method: 'POST', json: { credential } });
    if (r.ok) { say(message, 'Account created. Redirecting…', 'success'); location.assign(base + '/account'); return; }
    say(message, failure(r), 'error');
  });
});
