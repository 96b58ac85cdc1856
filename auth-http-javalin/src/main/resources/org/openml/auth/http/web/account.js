import { base, call, csrfToken, failure, say, busy, formatTime, fieldError, passkeysSupported, createPasskey, passkeyFailure, EMAIL,
  signalAcceptedPasskeys, signalUserDetails, offerPasskey } from './app.js';
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
/** The last answer of GET /api/auth/passkey/list (rpId and user handle for the Signal API). */
let held = null;
/** Loads the list; after a change, tells the browser's passkey provider which passkeys this server still accepts. */
async function loadPasskeys(changed = false) {
  const r = await call('/api/auth/passkey/list');
  const section = list.closest('section');
  if (r.status === 404) { section.hidden = true; return; }
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  // The last passkey removed leaves no user handle in the answer; the provider must still hear "none accepted".
  held = { ...r.data, userHandle: r.data.userHandle || (held && held.userHandle) };
  list.replaceChildren(...r.data.passkeys.map(item));
  document.getElementById('no-passkeys').hidden = r.data.passkeys.length > 0;
  if (changed) await signalAcceptedPasskeys(held);
}

function item(p) {
  const li = document.createElement('li');
  li.dataset.passkeyId = p.id;
  const name = document.createElement('div');
  name.className = 'passkey-name';
  name.textContent = p.deviceName;
  if (p.provider) {
    const provider = document.createElement('span');
    provider.className = 'muted passkey-provider';
    if (p.provider.icon) {
      const icon = document.createElement('img');
      icon.src = p.provider.icon;
      icon.alt = '';
      icon.width = 16;
      icon.height = 16;
      provider.append(icon, ' ');
    }
    provider.append(p.provider.name);
    name.append(' · ', provider);
  }
  if (p.backedUp) {
    const synced = document.createElement('span');
    synced.className = 'muted passkey-synced';
    synced.textContent = 'synced';
    name.append(' · ', synced);
  }
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
  await Promise.all([loadPasskeys(true), loadActivity()]);
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
  await Promise.all([loadPasskeys(r.ok), loadActivity()]);
});

/** The background offer to save a passkey (conditional create), aborted when the person adds one themselves. */
let offer = null;
const addButton = document.getElementById('add-passkey');
if (!passkeysSupported()) addButton.disabled = true;
document.getElementById('add-passkey-form').addEventListener('submit', (event) => {
  event.preventDefault();
  return busy(addButton, async () => {
    if (offer) offer.abort();
    const options = await call('/api/auth/passkey/register-options', { method: 'POST', csrf: true });
    if (!options.ok) { say(message, failure(options), 'error'); return; }
    let credential;
    try { credential = await createPasskey(options.data); } catch (e) { say(message, passkeyFailure(e), 'error'); return; }
    const deviceName = document.getElementById('device-name').value.trim() || undefined;
    const r = await call('/api/auth/passkey/register-verify', { method: 'POST', csrf: true, json: { credential, deviceName } });
    if (!r.ok) { say(message, failure(r), 'error'); return; }
    document.getElementById('device-name').value = '';
    say(message, 'Passkey added. You can now sign in with it.', 'success');
    await Promise.all([loadPasskeys(true), loadActivity()]);
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

// Names: PATCH /api/user/profile; the re-issued cookie carries them.
const firstName = document.getElementById('first-name');
const lastName = document.getElementById('last-name');
function showProfile(u) {
  document.getElementById('profile-name').textContent = u.name || [u.firstName, u.lastName].join(' ');
  document.getElementById('profile-username').textContent = u.username;
  document.getElementById('profile-email').textContent = u.email;
  firstName.value = u.firstName || '';
  lastName.value = u.lastName || '';
}
document.getElementById('names-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const first = firstName.value.trim();
  const last = lastName.value.trim();
  fieldError(lastName, '');
  if (!fieldError(firstName, first || last ? '' : 'Enter a first name or a last name.')) return undefined;
  const json = {};
  if (first) json.firstName = first;
  if (last) json.lastName = last;
  return busy(document.getElementById('save-names'), async () => {
    const r = await call('/api/user/profile', { method: 'PATCH', csrf: true, json });
    if (!r.ok) { fieldError(firstName, failure(r)); return; }
    showProfile(r.data.user);
    say(message, 'Your name was saved.', 'success');
    // Passkeys were created with the address as their name and the full name as display name.
    await signalUserDetails(held, r.data.user.email, [r.data.user.firstName, r.data.user.lastName].filter(Boolean).join(' '));
    await loadActivity();
  });
});

// Password: POST /api/user/password; other sessions end, this one is re-issued.
const currentPassword = document.getElementById('current-password');
const newPassword = document.getElementById('new-password');
document.getElementById('password-form').addEventListener('submit', (event) => {
  event.preventDefault();
  fieldError(currentPassword, '');
  if (!fieldError(newPassword, newPassword.value.length >= 8 ? '' : 'Password must be at least 8 characters.')) return undefined;
  return busy(document.getElementById('change-password'), async () => {
    const json = { newPassword: newPassword.value };
    if (currentPassword.value) json.currentPassword = currentPassword.value;
    const r = await call('/api/user/password', { method: 'POST', csrf: true, json });
    if (!r.ok) {
      const target = r.data.code === 'current_password_incorrect' || r.data.code === 'reauthentication_required'
        || r.status === 429 ? currentPassword : newPassword;
      fieldError(target, failure(r));
      target.focus();
      return;
    }
    currentPassword.value = '';
    newPassword.value = '';
    say(message, 'Your password was changed. Every other browser and device was signed out.', 'success');
    await loadActivity();
  });
});

// Email: a link to the new address; nothing changes before it is opened.
const newEmail = document.getElementById('new-email');
const emailPassword = document.getElementById('email-password');
document.getElementById('email-form').addEventListener('submit', (event) => {
  event.preventDefault();
  fieldError(emailPassword, '');
  if (!fieldError(newEmail, EMAIL.test(newEmail.value.trim()) ? '' : 'Please enter a valid email address.')) return undefined;
  return busy(document.getElementById('change-email'), async () => {
    const json = { newEmail: newEmail.value.trim() };
    if (emailPassword.value) json.currentPassword = emailPassword.value;
    const r = await call('/api/user/email', { method: 'POST', csrf: true, json });
    if (!r.ok) {
      const target = ['current_password_incorrect', 'reauthentication_required', 'sign_in_locked'].includes(r.data.code)
        ? emailPassword : newEmail;
      fieldError(target, failure(r));
      target.focus();
      return;
    }
    emailPassword.value = '';
    say(message, r.data.message, 'success');
  });
});

// Devices: where the account is signed in; sign one out.
const METHODS = { password: 'password', passkey: 'passkey', github: 'GitHub', google: 'Google', email_link: 'emailed link' };
const deviceList = document.getElementById('devices');
async function loadDevices() {
  const r = await call('/api/user/sessions');
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  deviceList.replaceChildren(...r.data.sessions.map((d) => {
    const li = document.createElement('li');
    li.dataset.sessionId = d.id;
    const title = document.createElement('div');
    title.className = 'passkey-name';
    title.textContent = d.device + (d.current ? ' (this browser)' : '');
    const when = document.createElement('div');
    when.className = 'muted';
    when.textContent = 'Signed in ' + formatTime(d.signedInAt) + (d.method ? ' with ' + (METHODS[d.method] || d.method) : '')
      + ' · Last active ' + formatTime(d.lastSeenAt) + ' · From ' + d.ip;
    li.append(title, when);
    if (!d.current) {
      const out = button('Sign out', 'secondary', () => busy(out, async () => {
        const e = await call('/api/user/sessions/' + encodeURIComponent(d.id), { method: 'DELETE', csrf: true });
        say(message, e.ok ? d.device + ' is signed out.' : failure(e), e.ok ? 'success' : 'error');
        await Promise.all([loadDevices(), loadActivity()]);
      }));
      out.setAttribute('aria-label', 'Sign out ' + d.device);
      const row = document.createElement('div');
      row.className = 'row';
      row.append(out);
      li.append(row);
    }
    return li;
  }));
  document.getElementById('no-devices').hidden = r.data.sessions.some((d) => !d.current);
}

// Linked accounts: list and unlink.
const PROVIDER_NAMES = { github: 'GitHub', google: 'Google' };
const links = document.getElementById('linked-accounts');
async function loadLinks() {
  const r = await call('/api/user/linked-accounts');
  if (!r.ok) { say(message, failure(r), 'error'); return; }
  links.replaceChildren(...r.data.accounts.map((a) => {
    const name = PROVIDER_NAMES[a.provider] || a.provider;
    const li = document.createElement('li');
    const title = document.createElement('div');
    title.className = 'passkey-name';
    title.textContent = name;
    const when = document.createElement('div');
    when.className = 'muted';
    when.textContent = a.linkedAt ? 'Linked ' + formatTime(a.linkedAt) : 'Linked';
    const unlink = button('Unlink', 'danger', () => busy(unlink, async () => {
      const u = await call('/api/user/linked-accounts/' + encodeURIComponent(a.provider), { method: 'DELETE', csrf: true });
      say(message, u.ok ? name + ' can no longer sign in to your account.' : failure(u), u.ok ? 'success' : 'error');
      await Promise.all([loadLinks(), loadActivity()]);
    }));
    unlink.setAttribute('aria-label', 'Unlink ' + name);
    const row = document.createElement('div');
    row.className = 'row';
    row.append(unlink);
    li.append(title, when, row);
    return li;
  }));
  document.getElementById('no-linked-accounts').hidden = r.data.accounts.length > 0;
}

// Deletion behind a dialog with the typed confirmation.
const deleteDialog = document.getElementById('delete-dialog');
const deleteConfirm = document.getElementById('delete-confirm');
const deletePassword = document.getElementById('delete-password');
document.getElementById('delete-account').addEventListener('click', () => {
  deleteConfirm.value = '';
  deletePassword.value = '';
  fieldError(deleteConfirm, '');
  fieldError(deletePassword, '');
  deleteDialog.showModal();
  deleteConfirm.focus();
});
document.getElementById('delete-cancel').addEventListener('click', () => {
  deleteDialog.close();
  say(message, 'Your account was not deleted.');
});
document.getElementById('delete-form').addEventListener('submit', (event) => {
  event.preventDefault();
  fieldError(deletePassword, '');
  if (!fieldError(deleteConfirm, deleteConfirm.value === 'DELETE' ? '' : 'Type DELETE, in capitals.')) return undefined;
  return busy(document.getElementById('delete-submit'), async () => {
    const json = { confirm: 'DELETE' };
    if (deletePassword.value) json.currentPassword = deletePassword.value;
    const r = await call('/api/user/delete', { method: 'POST', csrf: true, json });
    if (!r.ok) { fieldError(deletePassword, failure(r)); deletePassword.focus(); return; }
    location.assign(base + '/auth/sign-in?deleted=1');
  });
});

(async () => {
  const session = await call('/api/auth/session');
  if (!session.ok || !session.data.user) {
    location.replace(base + '/auth/sign-in?error=SessionRequired&callbackUrl=' + encodeURIComponent(base + '/account'));
    return;
  }
  showProfile(session.data.user);
  document.getElementById('password-username').value = session.data.user.email;
  await Promise.all([loadKey(), loadPasskeys(), loadLinks(), loadDevices(), loadActivity()]);
  document.body.dataset.ready = 'true';
  if (sessionStorage.getItem('offerPasskey')) {
    sessionStorage.removeItem('offerPasskey');
    // Pending in the background until the browser's password manager decides; the page is usable meanwhile.
    offer = new AbortController();
    if (await offerPasskey(offer.signal)) {
      say(message, 'Your browser saved a passkey for this account: next time, sign in with it.', 'success');
      await Promise.all([loadPasskeys(true), loadActivity()]);
    }
  }
})();
