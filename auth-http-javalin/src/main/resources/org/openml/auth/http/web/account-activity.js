// The "Recent activity" section of /account: GET /api/user/activity as an accessible table.
import { call, failure, formatTime } from './app.js';

// A readable label for every event type the server sends; unknown types (a newer server) show their code.
const WHAT = {
  sign_in: 'Sign-in',
  locked_out: 'Password sign-in paused after failed attempts',
  password_reset: 'Password reset',
  email_confirmed: 'Email address confirmed',
  api_key_regenerated: 'API key regenerated',
  passkey_added: 'Passkey added',
  passkey_removed: 'Passkey removed',
  passkey_renamed: 'Passkey renamed',
  account_linked: 'Account linked',
  account_created: 'Account created',
  account_reclaimed: 'Account reclaimed (unproven sign-up removed)',
  signed_out_everywhere: 'Signed out everywhere',
  password_changed: 'Password changed',
  name_changed: 'Name changed',
  account_unlinked: 'Account unlinked',
  account_anonymised: 'Account deleted (kept anonymous for its uploads)',
  email_changed: 'Email address changed',
  email_change_reverted: 'Email address change undone',
  session_ended: 'Device signed out',
};
const HOW = {
  password: 'Password',
  passkey: 'Passkey',
  github: 'GitHub',
  google: 'Google',
  email_link: 'Emailed link',
  session: 'Signed in',
};
const RESULT = { success: 'Succeeded', failure: 'Failed' };

// data-label repeats the column header, shown before each value where narrow screens stack the cells.
function cell(label, text, className) {
  const td = document.createElement('td');
  td.dataset.label = label;
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function row(e) {
  const tr = document.createElement('tr');
  tr.dataset.type = e.type;
  tr.dataset.outcome = e.outcome;
  const when = document.createElement('td');
  when.dataset.label = 'When';
  const time = document.createElement('time');
  time.dateTime = e.at;
  time.textContent = formatTime(e.at);
  when.append(time);
  const what = (WHAT[e.type] || e.type) + (e.detail ? ' · ' + e.detail : '');
  tr.append(when, cell('What', what), cell('How', HOW[e.method] || e.method),
    cell('Result', RESULT[e.outcome] || e.outcome, e.outcome === 'failure' ? 'outcome-failure' : 'outcome-success'),
    cell('From address', e.ip, 'ip'));
  return tr;
}

/** Loads the newest events into the table; says so in the section when it cannot. */
export async function loadActivity() {
  const body = document.getElementById('activity-rows');
  const status = document.getElementById('activity-status');
  const r = await call('/api/user/activity?limit=20');
  if (!r.ok) {
    status.textContent = failure(r, 'Your recent activity could not be loaded. Please try again later.');
    return;
  }
  body.replaceChildren(...r.data.events.map(row));
  document.getElementById('activity-table').hidden = r.data.events.length === 0;
  status.textContent = r.data.events.length === 0 ? 'No activity recorded yet.' : '';
}
