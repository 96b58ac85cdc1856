import { base, call, csrfToken, failure, say, param, busy, EMAIL, fieldError, passkeysSupported, getPasskey, passkeyFailure,
  autofillSupported, getPasskeyFromAutofill, signalUnknownCredential } from './app.js';

const message = document.getElementById('message');
const form = document.getElementById('password-form');
const email = document.getElementById('email');
const password = document.getElementById('password');
const resendRow = document.getElementById('resend-row');
const target = param('callbackUrl') || base + '/account';

const NOTICES = {
  CredentialsSignin: 'Wrong email, username or password — or the account is not confirmed yet.',
  SessionRequired: 'Please sign in to see that page.',
  SignInLocked: 'Too many failed sign-in attempts for this email or username. Wait a few minutes, reset your password, or sign in with a passkey.',
  TooManyRequests: 'Too many sign-in attempts from your network. Please wait a moment and try again.',
};
if (param('error')) say(message, NOTICES[param('error')] || 'Sign-in failed. Please try again.', 'error');
if (param('csrf')) say(message, 'Your sign-in form had expired. Please try again.', 'error');
if (param('signedOut')) say(message, 'You are signed out.', 'success');
if (param('signedOutEverywhere')) say(message, 'You are signed out on every browser and device.', 'success');
if (param('deleted')) say(message, 'Your account was deleted. A last email about it is on its way to you.', 'success');
if (param('email')) email.value = param('email');

// Passkeys in the email field's autofill: one conditional request, pending from page load until a passkey is
// picked there, or aborted when the person uses the passkey button or the password form instead.
let autofill = null;
function stopAutofill() {
  if (autofill) autofill.abort();
  autofill = null;
}

/** Sends a passkey assertion; follows the server's checked URL, or says why not (and tells the provider to forget an unknown one). */
async function finishPasskeySignIn(credential, rpId) {
  const r = await call('/api/auth/passkey/login-verify', { method: 'POST', json: { credential, callbackUrl: target } });
  // The server checked callbackUrl against its own origin: follow its answer, never the query string.
  if (r.ok) { say(message, 'Signed in. Redirecting…', 'success'); location.assign(r.data.url || base + '/account'); return; }
  if (r.status === 401 && r.data && r.data.unknownCredential) {
    await signalUnknownCredential(rpId, credential.id);
    say(message, 'This passkey was removed from your account. Use another passkey or your password.', 'error');
    return;
  }
  say(message, r.status === 401 ? 'This passkey is not recognised, or its account is disabled.' : failure(r), 'error');
}

async function startAutofill() {
  if (!(await autofillSupported())) return;
  const options = await call('/api/auth/passkey/login-options');
  if (!options.ok) return;
  const controller = new AbortController();
  autofill = controller;
  let credential;
  try {
    credential = await getPasskeyFromAutofill(options.data, controller.signal);
  } catch (e) {
    return; // aborted for the button or the form, or refused: both still work
  }
  if (autofill !== controller) return;
  autofill = null;
  say(message, 'Signing in…');
  await finishPasskeySignIn(credential, options.data.rpId);
}
startAutofill();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  stopAutofill();
  resendRow.hidden = true;
  const ok = [fieldError(email, email.value.trim() ? '' : 'Enter your email address or username.'),
    fieldError(password, password.value ? '' : 'Enter your password.')].every(Boolean);
  if (!ok) { (email.value.trim() ? password : email).focus(); return; }
  await busy(document.getElementById('sign-in'), async () => {
    say(message, 'Signing in…');
    const fields = { email: email.value.trim(), password: password.value, callbackUrl: target, json: 'true' };
    let r = await call('/api/auth/callback/credentials', { method: 'POST', form: { ...fields, csrfToken: await csrfToken() } });
    if (r.status === 403) r = await call('/api/auth/callback/credentials', { method: 'POST', form: { ...fields, csrfToken: await csrfToken() } });
    if (r.ok) {
      say(message, 'Signed in. Redirecting…', 'success');
      // The account page then lets the browser's password manager save a passkey on its own (conditional create).
      sessionStorage.setItem('offerPasskey', '1');
      location.assign(r.data.url || base + '/account');
      return;
    }
    if (r.status === 401) {
      say(message, 'Wrong email, username or password — or the account is not confirmed yet. '
        + 'If you just signed up, open the link we emailed you, or resend it.', 'error');
      resendRow.hidden = false;
      password.select();
      return;
    }
    say(message, failure(r, 'Sign-in failed. Please try again.'), 'error');
  });
});

document.getElementById('resend').addEventListener('click', async (event) => {
  const address = email.value.trim();
  if (!EMAIL.test(address)) {
    fieldError(email, 'Enter your email address (not your username) to resend the confirmation link.');
    email.focus();
    return;
  }
  await busy(event.currentTarget, async () => {
    const r = await call('/api/auth/resend-confirmation', { method: 'POST', json: { email: address } });
    say(message, r.ok ? r.data.message : failure(r), r.ok ? 'success' : 'error');
  });
});

const passkey = document.getElementById('passkey');
if (!passkeysSupported()) passkey.hidden = true;
passkey.addEventListener('click', () => busy(passkey, async () => {
  stopAutofill();
  const options = await call('/api/auth/passkey/login-options');
  if (!options.ok) { say(message, options.status === 404 ? 'Passkeys are not enabled on this server.' : failure(options), 'error'); return; }
  let credential;
  try { credential = await getPasskey(options.data); } catch (e) { say(message, passkeyFailure(e), 'error'); return; }
  await finishPasskeySignIn(credential, options.data.rpId);
}));

(async () => {
  const r = await call('/api/auth/providers');
  const box = document.getElementById('providers');
  for (const id of ['github', 'google']) {
    const provider = r.ok && r.data[id];
    if (!provider) continue;
    const link = document.createElement('a');
    link.className = 'button secondary full';
    link.id = 'provider-' + id;
    link.href = base + '/api/auth/signin/' + id + '?callbackUrl=' + encodeURIComponent(target);
    link.textContent = 'Sign in with ' + provider.name;
    box.append(link);
  }
})();
