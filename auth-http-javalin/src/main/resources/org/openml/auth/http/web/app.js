// Shared helpers of the pages: routes under the mount prefix, JSON/form calls, CSRF, messages, passkeys.
export const base = document.documentElement.dataset.base || '';

/** Calls a public route; never throws for HTTP errors: {ok, status, data, retryAfter}. */
export async function call(path, { method = 'GET', json, form, csrf } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (form !== undefined) { body = new URLSearchParams(form); }
  if (csrf) headers['X-CSRF-Token'] = await csrfToken();
  try {
    const res = await fetch(base + path, { method, headers, body, credentials: 'same-origin' });
    let data = {};
    try { data = await res.json(); } catch { /* not JSON */ }
    return { ok: res.ok, status: res.status, data, retryAfter: res.headers.get('Retry-After') };
  } catch {
    return { ok: false, status: 0, data: {}, retryAfter: null };
  }
}

export async function csrfToken() {
  const res = await fetch(base + '/api/auth/csrf', { credentials: 'same-origin' });
  return (await res.json()).csrfToken;
}

/** "42 seconds", "3 minutes" from a Retry-After value in seconds. */
export function waitText(retryAfter) {
  const seconds = Number.parseInt(retryAfter, 10);
  if (!Number.isFinite(seconds) || seconds <= 0) return 'a moment';
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The message a failed call should show: the server's own words, or one for busy/offline. */
export function failure(r, fallback = 'Something went wrong. Please try again.') {
  if (r.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (r.status === 503 && r.data.code === 'busy') {
    return `The server is busy right now. Please try again in ${r.retryAfter || 1} second${r.retryAfter === '1' || !r.retryAfter ? '' : 's'}.`;
  }
  if (r.status === 429) {
    // The server's words (a paused sign-in says what else works), then how long to wait.
    const said = (r.data && (r.data.message || r.data.error)) || 'Too many attempts.';
    return `${said} You can try again in ${waitText(r.retryAfter)}.`;
  }
  if (r.status === 503) return 'The service is temporarily unavailable. Please try again shortly.';
  return r.data.message || r.data.error || fallback;
}

/** Shows a message in a page's aria-live region. kind: 'error' | 'success' | 'info'. */
export function say(region, text, kind = 'info') {
  region.className = 'message ' + kind;
  region.textContent = text;
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** Runs an action with its button disabled, so double clicks send one request. */
export async function busy(button, action) {
  button.disabled = true;
  try { return await action(); } finally { button.disabled = false; }
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Marks a field invalid (or valid with ''), with the message linked by aria-describedby. */
export function fieldError(input, text) {
  const out = document.getElementById(input.id + '-error');
  out.textContent = text;
  input.setAttribute('aria-invalid', text ? 'true' : 'false');
  return !text;
}

export function formatTime(iso) {
  if (!iso) return 'never';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

// ---- passkeys ----
export const passkeysSupported = () => typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;

const fromB64url = (s) => {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0)).buffer;
};
const toB64url = (buf) => {
  let s = '';
  new Uint8Array(buf).forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

function creationOptions(o) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(o);
  return { ...o, challenge: fromB64url(o.challenge), user: { ...o.user, id: fromB64url(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: fromB64url(c.id) })) };
}

function requestOptions(o) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(o);
  return { ...o, challenge: fromB64url(o.challenge),
    allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: fromB64url(c.id) })) };
}

function credentialJson(c) {
  if (typeof c.toJSON === 'function') return c.toJSON();
  const r = c.response;
  const response = { clientDataJSON: toB64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toB64url(r.attestationObject);
    response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    response.authenticatorData = toB64url(r.authenticatorData);
    response.signature = toB64url(r.signature);
    if (r.userHandle) response.userHandle = toB64url(r.userHandle);
  }
  return { id: c.id, rawId: toB64url(c.rawId), type: c.type, response,
    authenticatorAttachment: c.authenticatorAttachment || undefined, clientExtensionResults: c.getClientExtensionResults() };
}

export async function createPasskey(options) {
  return credentialJson(await navigator.credentials.create({ publicKey: creationOptions(options) }));
}

export async function getPasskey(options) {
  return credentialJson(await navigator.credentials.get({ publicKey: requestOptions(options) }));
}

/** Whether the browser offers passkeys in a field's autofill (conditional mediation). */
export async function autofillSupported() {
  try {
    return passkeysSupported() && typeof PublicKeyCredential.isConditionalMediationAvailable === 'function'
      && await PublicKeyCredential.isConditionalMediationAvailable();
  } catch (e) { return false; }
}

/** A sign-in offered in the autofill of an autocomplete="username webauthn" field; pending until picked or aborted. */
export async function getPasskeyFromAutofill(options, signal) {
  return credentialJson(await navigator.credentials.get({ publicKey: requestOptions(options), mediation: 'conditional', signal }));
}

/** Whether the browser's password manager may save a passkey on its own (conditional create). */
export async function conditionalCreateSupported() {
  try {
    if (!passkeysSupported() || typeof PublicKeyCredential.getClientCapabilities !== 'function') return false;
    return (await PublicKeyCredential.getClientCapabilities()).conditionalCreate === true;
  } catch (e) { return false; }
}

/**
 * Right after a password sign-in (the server allows 5 minutes): asks the browser's password manager to save a
 * passkey on its own. It stays pending until the manager decides (or {@code signal} aborts it, as a passkey ceremony
 * the person starts must), so nothing waits for it; true when one was saved.
 */
export async function offerPasskey(signal) {
  if (!(await conditionalCreateSupported())) return false;
  const options = await call('/api/auth/passkey/register-options?conditional=true', { method: 'POST', csrf: true });
  if (!options.ok || signal.aborted) return false;
  try {
    const created = await navigator.credentials.create({ publicKey: creationOptions(options.data), mediation: 'conditional', signal });
    const r = await call('/api/auth/passkey/register-verify', { method: 'POST', csrf: true, json: { credential: credentialJson(created) } });
    return r.ok;
  } catch (e) {
    return false; // not saved: nothing to tell
  }
}

// WebAuthn's Signal API: tell the browser's passkey provider what this server holds, where the browser
// has the call (feature-detected; nothing happens elsewhere, and a failure never disturbs the page).
async function signal(name, details) {
  try {
    if (window.PublicKeyCredential && typeof PublicKeyCredential[name] === 'function') await PublicKeyCredential[name](details);
  } catch (e) { /* the provider may refuse; the page goes on */ }
}

/** This server does not hold the credential: the provider may stop offering it. */
export function signalUnknownCredential(rpId, credentialId) {
  return signal('signalUnknownCredential', { rpId, credentialId });
}

/** The passkeys the server holds for the account, from GET /api/auth/passkey/list's answer. */
export function signalAcceptedPasskeys(list) {
  if (!list || !list.userHandle) return Promise.resolve();
  return signal('signalAllAcceptedCredentials', { rpId: list.rpId, userId: list.userHandle,
    allAcceptedCredentialIds: list.passkeys.map((p) => p.credentialId) });
}

/** The account's current name and address, so the provider shows them with its passkeys. */
export function signalUserDetails(list, name, displayName) {
  if (!list || !list.userHandle) return Promise.resolve();
  return signal('signalCurrentUserDetails', { rpId: list.rpId, userId: list.userHandle, name, displayName });
}

/** Words for a browser refusal of a passkey ceremony. */
export function passkeyFailure(e) {
  if (e && e.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
  if (e && e.name === 'InvalidStateError') return 'This device already holds a passkey for your account.';
  if (e && e.name === 'SecurityError') return 'Passkeys are not allowed on this address (check RP_ID / RP_ORIGIN).';
  return 'The passkey could not be used: ' + (e && e.message ? e.message : 'unknown error');
}
