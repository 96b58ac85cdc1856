import { param, say } from './app.js';

// NextAuth's error codes (see docs/oauth.md), in words people understand.
const MESSAGES = {
  CredentialsSignin: 'Wrong email, username or password — or the account is not confirmed yet. Check the email we sent you after sign-up.',
  OAuthSignin: 'We could not start signing you in with that provider. Please try again.',
  OAuthCallback: 'The provider sent back an answer we could not use. Please try again.',
  AccessDenied: 'Access was denied: the sign-in was cancelled, the provider did not share a verified email, or the account is disabled.',
  OAuthAccountNotLinked: 'An account with this email already exists. Sign in with your password or passkey first; your provider account can then be linked.',
  SignInLocked: 'Too many failed sign-in attempts for this email or username. Wait a few minutes, reset your password, or sign in with a passkey, GitHub or Google.',
  TooManyRequests: 'Too many sign-in attempts from your network. Please wait a moment and try again.',
  Verification: 'This sign-in link is no longer valid. It may have been used already or it has expired.',
  Default: 'Something went wrong while signing you in. Please try again.',
};
say(document.getElementById('message'), MESSAGES[param('error')] || MESSAGES.Default, 'error');
