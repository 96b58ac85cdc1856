import { base, call, csrfToken, failure, say, busy, formatTime, fieldError, passkeysSupported, createPasskey, passkeyFailure } from './app.js';
import { loadActivity } from './account-activity.js';

const message = document.getElementById('message');
const keyBox = document.getElementById('api-key');
const reveal = document.getElementById('reveal');
let apiKey = '';
let shown = false;

const mask = (k) => (k ? '•'.repeat(Math.max(0, k.length - 4)) + k.slice(-4) : '(none)');
function showKey() {
  keyBox.textContent = shown ? apiKey : mask(apiKey);
  reveal.textContent = shown ? 'Hide' : 'Show';
  reveal.setAttribute('aria-pressed', String(shown));
}

async function loadKey() {
  const r = await call('/api/user/api-key');
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  apiKey = r.data.apikey || '';
  document.getElementById('key-updated').textContent = r.data.lastRegeneratedAt
    ? 'Last regenerated ' + formatTime(r.data.lastRegeneratedAt) + '.' : 'Never regenerated.';
  showKey();
}

reveal.addEventListener('click', () => { shown = !shown; showKey(); });

document.getElementById('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(apiKey);
    say(message, 'API key copied to the clipboard.', 'success');
  } catch {
    say(message, 'Copying is not allowed here: press Show and copy the key by hand.', 'error');
  }
});

// Regenerating behind a confirmation dialog: the old key stops working at once.
const regenerateDialog = document.getElementById('regenerate-dialog');
document.getElementById('regenerate').addEventListener('click', () => regenerateDialog.showModal());
document.getElementById('regenerate-cancel').addEventListener('click', () => {
  regenerateDialog.close();
  say(message, 'Your API key was not changed.');
});
document.getElementById('regenerate-confirm').addEventListener('click', (event) => busy(event.currentTarget, async () => {
  const r = await call('/api/user/api-key/regenerate', { method: 'POST', csrf: true });
  regenerateDialog.close();
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  say(message, 'New API key created. The old key no longer works.', 'success');
  await Promise.all([loadKey(), loadActivity()]);
  document.getElementById('regenerate').focus();
}));

// Passkeys: list, add, rename, remove.
const list = document.getElementById('passkeys');
async function loadPasskeys() {
  const r = await call('/api/auth/passkey/list');
  const section = list.closest('section');
  if (r.status === 404) { section.hidden = true; return; }
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  list.replaceChildren(...r.data.passkeys.map(item));
  document.getElementById('no-passkeys').hidden = r.data.passkeys.length > 0;
}

function item(p) {
  const li = document.createElement('li');
  li.dataset.passkeyId = p.id;
  const name = document.createElement('div');
  name.className = 'passkey-name';
  name.textContent = p.deviceName;
  const times = document.createElement('div');
  times.className = 'muted';
  times.textContent = 'Added ' + formatTime(p.createdAt) + ' · Last used ' + formatTime(p.lastUsedAt);
  const row = document.createElement('div');
  row.className = 'row';
  const rename = button('Rename', 'secondary', () => openRename(p));
  rename.setAttribute('aria-label', 'Rename ' + p.deviceName);
  const remove = button('Remove', 'danger', () => openRemove(p));
  remove.setAttribute('aria-label', 'Remove ' + p.deviceName);
  row.append(rename, remove);
  li.append(name, times, row);
  return li;
}

function button(text, kind, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = kind;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

const renameDialog = document.getElementById('rename-dialog');
const renameInput = document.getElementById('rename-input');
let renaming = null;
function openRename(p) {
  renaming = p;
  renameInput.value = p.deviceName;
  fieldError(renameInput, '');
  renameDialog.showModal();
  renameInput.select();
}
document.getElementById('rename-cancel').addEventListener('click', () => renameDialog.close());
document.getElementById('rename-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = renameInput.value.trim();
  if (!fieldError(renameInput, name ? '' : 'Enter a name.')) return;
  const r = await call('/api/auth/passkey/rename', { method: 'POST', csrf: true, json: { passkeyId: String(renaming.id), deviceName: name } });
  if (!r.ok) { fieldError(renameInput, failure(r)); return; }
  renameDialog.close();
  say(message, 'Passkey renamed to “' + name + '”.', 'success');
  await Promise.all([loadPasskeys(), loadActivity()]);
});

const removeDialog = document.getElementById('remove-dialog');
let removing = null;
function openRemove(p) {
  removing = p;
  document.getElementById('remove-text').textContent =
    'You will no longer be able to sign in with “' + p.deviceName + '”. This cannot be undone.';
  removeDialog.showModal();
  document.getElementById('remove-cancel').focus();
}
document.getElementById('remove-cancel').addEventListener('click', () => removeDialog.close());
document.getElementById('remove-confirm').addEventListener('click', async () => {
  const r = await call('/api/auth/passkey/remove', { method: 'POST', csrf: true, json: { passkeyId: String(removing.id) } });
  removeDialog.close();
  say(message, r.ok ? 'Passkey “' + removing.deviceName + '” removed.' : failure(r), r.ok ? 'success' : 'error');
  await Promise.all([loadPasskeys(), loadActivity()]);
});

const addButton = document.getElementById('add-passkey');
if (!passkeysSupported()) addButton.disabled = true;
document.getElementById('add-passkey-form').addEventListener('submit', (event) => {
  event.preventDefault();
  return busy(addButton, async () => {
    const options = await call('/api/auth/passkey/register-options', { method: 'POST', csrf: true });
    if (!options.ok) { say(message, failure(options), 'error'); return; }
    let credential;
    try { credential = await createPasskey(options.data); } catch (e) { say(message, passkeyFailure(e), 'error'); return; }
    const deviceName = document.getElementById('device-name').value.trim() || undefined;
    const r = await call('/api/auth/passkey/register-verify', { method: 'POST', csrf: true, json: { credential, deviceName } });
    if (!r.ok) { say(message, failure(r), 'error'); return; }
    document.getElementById('device-name').value = '';
    say(message, 'Passkey added. You can now sign in with it.', 'success');
    await Promise.all([loadPasskeys(), loadActivity()]);
  });
});

document.getElementById('sign-out').addEventListener('click', (event) => busy(event.currentTarget, async () => {
  const r = await call('/api/auth/signout', { method: 'POST', form: { csrfToken: await csrfToken(), json: 'true' } });
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  location.assign(base + '/auth/sign-in?signedOut=1');
}));

document.getElementById('sign-out-everywhere').addEventListener('click', (event) => busy(event.currentTarget, async () => {
  const r = await call('/api/auth/signout-everywhere', { method: 'POST', form: { csrfToken: await csrfToken(), json: 'true' } });
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  location.assign(base + '/auth/sign-in?signedOutEverywhere=1');
}));

(async () => {
  const session = await call('/api/auth/session');
  if (!session.ok || !session.data.user) {
    location.replace(base + '/auth/sign-in?error=SessionRequired&callbackUrl=' + encodeURIComponent(base + '/account'));
    return;
  }
  const u = session.data.user;
  document.getElementById('profile-name').textContent = u.name || [u.firstName, u.lastName].join(' ');
  document.getElementById('profile-username').textContent = u.username;
  document.getElementById('profile-email').textContent = u.email;
  await Promise.all([loadKey(), loadPasskeys(), loadActivity()]);
  document.body.dataset.ready = 'true';
})();
