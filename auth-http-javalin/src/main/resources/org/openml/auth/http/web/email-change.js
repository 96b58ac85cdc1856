// /auth/confirm-email-change and /auth/revert-email-change: the two links of an address change.
// The person presses the button (so a mail scanner that follows links changes nothing).
import { base, call, failure, say, param, busy } from './app.js';

const reverting = location.pathname.endsWith('/revert-email-change');
const message = document.getElementById('message');
const go = document.getElementById('go');
const next = document.getElementById('next');
const token = param('token');

document.getElementById('title').textContent = reverting ? 'Undo the change of your email address' : 'Confirm your new email address';
document.title = (reverting ? 'Undo the email change' : 'Confirm your new email') + ' · OpenML';
document.getElementById('intro').textContent = reverting
  ? 'This puts your old address back on your account, signs out every device and sends you a link to choose a new password.'
  : 'This makes the address this link was sent to the one your OpenML account uses.';
go.textContent = reverting ? 'Undo the change' : 'Confirm my new address';

if (!token) {
  say(message, 'This link has no token. Open the link from the email again.', 'error');
} else {
  go.hidden = false;
  go.addEventListener('click', () => busy(go, async () => {
    const r = await call(reverting ? '/api/user/email/revert' : '/api/user/email/confirm', { method: 'POST', json: { token } });
    if (!r.ok) { say(message, failure(r, 'This link does not work.'), 'error'); return; }
    say(message, r.data.message, 'success');
    go.hidden = true;
    if (reverting) {
      next.textContent = 'Choose a new password';
      next.href = base + '/auth/forgot-password';
    }
    document.getElementById('next-row').hidden = false;
    next.focus();
  }));
}
