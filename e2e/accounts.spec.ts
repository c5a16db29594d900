// Accounts from the browser: guest first, sign-up keeps the guest's chats, sign in and out,
// password change, session revocation, login rate limits.
import { ChatPage, expect, test } from './fixtures';
import { startFlint } from './support/flint-server';

const email = () => `user-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

test('a first-time visitor chats at once as a guest, bound to an httpOnly cookie', async ({ chat, page, context }) => {
  await chat.goto();
  await expect(page.getByTestId('user-menu')).toContainText('Guest');
  expect((await context.cookies()).filter((c) => c.name.includes('session_token'))).toHaveLength(0);
  await chat.send('Hello as a guest');
  await chat.waitForAnswer();
  const session = (await context.cookies()).find((c) => c.name.includes('session_token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  // Served over plain http here: not marked Secure (it would be dropped). Over HTTPS it is (security.spec).
  expect(session?.secure).toBe(false);
  expect(await page.evaluate(() => document.cookie)).not.toContain('session_token');
  await page.reload();
  await chat.ready();
  await expect(chat.userMessages.first()).toContainText('Hello as a guest');
});

test('signing up keeps every guest chat; sign out hides them, signing in brings them back', async ({ chat, page }) => {
  const address = email();
  await chat.goto();
  await chat.send('Guest chat about the Orkney islands');
  await chat.waitForAnswer();
  const guestChat = chat.chatId();

  await page.getByTestId('user-menu').click();
  await page.getByTestId('open-sign-up').click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await expect(page.getByText('Your chats so far come with you.')).toBeVisible();
  await chat.signUp(address);
  await expect(page.getByTestId('user-menu')).toContainText('Ada Lovelace');
  await expect(page.getByTestId('user-menu')).toContainText(address);
  await expect(chat.chatItems.first()).toHaveAttribute('data-chat-id', guestChat);

  await chat.signOut();
  await expect(chat.chatItems).toHaveCount(0);
  const away = await page.goto(`${chat.baseUrl}/c/${guestChat}`);
  expect(away?.status()).toBe(404);

  await chat.signIn(address);
  await page.waitForURL(`${chat.baseUrl}/`);
  await expect(chat.chatItems.first()).toHaveAttribute('data-chat-id', guestChat);
  await chat.chatItems.first().click();
  await expect(chat.userMessages.first()).toContainText('Orkney islands');
});

test('wrong passwords and taken emails get clear messages; nothing is lost', async ({ chat, page }) => {
  const address = email();
  await chat.goto();
  await chat.signUp(address);
  await chat.signOut();
  await chat.signIn(address, 'not the password');
  await expect(page.getByTestId('auth-error')).toContainText("don't match an account");
  await expect(page.getByLabel('Email')).toHaveValue(address);

  await page.goto(`${chat.baseUrl}/sign-up`);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('another good password');
  await page.getByTestId('sign-up').click();
  await expect(page.getByTestId('auth-error')).toContainText('already exists');
});

test('change password, and sessions on other devices can be listed and revoked', async ({ chat, page, browser, flint }) => {
  const address = email();
  await chat.goto();
  await chat.signUp(address);

  // A second device signs in.
  const other = await browser.newContext();
  const otherChat = new ChatPage(await other.newPage(), flint.url);
  await otherChat.signIn(address);
  await otherChat.page.waitForURL(`${flint.url}/`);
  await expect(otherChat.page.getByTestId('user-menu')).toContainText(address);

  await page.getByTestId('user-menu').click();
  await page.getByTestId('account-link').click();
  await expect(page.getByTestId('session-item')).toHaveCount(2);
  await expect(page.getByTestId('session-list')).toContainText('This device');
  await page.getByTestId('revoke-session').click();
  await expect(page.getByTestId('session-item')).toHaveCount(1);
  await otherChat.page.reload();
  await expect(otherChat.page.getByTestId('user-menu')).toContainText('Guest');
  await other.close();

  const form = page.getByTestId('change-password');
  await form.getByLabel('Current password').fill('wrong password!');
  await form.getByLabel('New password', { exact: true }).fill('a brand new secret');
  await form.getByLabel('Repeat new password').fill('a brand new secret');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('auth-error')).toContainText('current password is not right');
  await form.getByLabel('Current password').fill('correct horse battery');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  await page.getByTestId('sign-out').click();
  await page.waitForURL(`${chat.baseUrl}/`);
  await chat.signIn(address, 'correct horse battery');
  await expect(page.getByTestId('auth-error')).toContainText("don't match");
  await chat.signIn(address, 'a brand new secret');
  await page.waitForURL(`${chat.baseUrl}/`);
  await expect(page.getByTestId('user-menu')).toContainText(address);
});

test('sign-in attempts are rate-limited against guessing', async ({ page }) => {
  const server = await startFlint({ env: { FLINT_LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
  try {
    const chat = new ChatPage(page, server.url);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await chat.signIn('nobody@example.com', `guess number ${attempt}`);
      await expect(page.getByTestId('auth-error')).toContainText("don't match");
    }
    await chat.signIn('nobody@example.com', 'guess number 4');
    await expect(page.getByTestId('auth-error')).toContainText('Too many attempts');
  } finally {
    await server.stop();
  }
});
