// Browser side of accounts: talks to Better Auth's endpoints under /api/auth. Only the auth pages,
// the account page and the user menu import this, so the chat page stays light.
import { createAuthClient } from 'better-auth/client';

export const authClient = createAuthClient();

interface AuthErrorLike {
  code?: string;
  message?: string;
  status?: number;
}

/** A sentence for the person at the keyboard, from whatever Better Auth answered. */
export function describeAuthError(error: AuthErrorLike | null | undefined): string {
  if (!error) return 'Something went wrong. Try again.';
  if (error.status === 429) return 'Too many attempts from your network. Wait a minute, then try again.';
  switch (error.code) {
    case 'INVALID_EMAIL_OR_PASSWORD':
      return "That email and password don't match an account. Check them, or create an account.";
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return 'An account with this email already exists. Sign in instead.';
    case 'PASSWORD_TOO_SHORT':
      return 'Use a password of at least 8 characters.';
    case 'PASSWORD_TOO_LONG':
      return 'Use a password of at most 128 characters.';
    case 'INVALID_EMAIL':
      return 'Enter a valid email address, like name@example.com.';
    case 'INVALID_PASSWORD':
      return 'Your current password is not right. Check it and try again.';
    case 'CREDENTIAL_ACCOUNT_NOT_FOUND':
      return 'This account has no password to change.';
    default:
      return error.message ? `${error.message}. Try again.` : 'Something went wrong. Try again.';
  }
}
