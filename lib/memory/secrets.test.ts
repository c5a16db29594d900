import { describe, expect, it } from 'vitest';
import { secretReason } from './secrets';

describe('secret filter', () => {
  it.each([
    ['My card is 4111 1111 1111 1111', 'payment card'],
    ['card 5500-0000-0000-0004 expires soon', 'payment card'],
    ['My password is hunter22', 'password'],
    ['the wifi passcode: 88442211', 'password'],
    ['my pin is 1234', 'password'],
    ['api key = sk-proj-abcdefghijklmnop1234', 'API key'],
    ['Use AKIAABCDEFGHIJKLMNOP for AWS', 'API key'],
    ['token: ghp_abcdefghijklmnopqrstuvwxyz0123', 'API key'],
    ['-----BEGIN RSA PRIVATE KEY----- MIIE', 'private key'],
    ['SSN 123-45-6789', 'social security'],
    ['IBAN GB82 WEST 1234 5698 7654 32', 'IBAN'],
  ])('refuses %j (%s)', (text, kind) => {
    expect(secretReason(text)).toMatch(new RegExp(kind, 'i'));
  });

  it.each([
    'Is vegetarian',
    'Teaches physics to 15-year-olds',
    'Prefers answers in metric units',
    'Was born in 1987 and has 2 kids',
    'Phone model is a Pixel 9',
    'Likes the number 4111 in puzzles',
    'Forgot their password last week',
  ])('keeps ordinary facts like %j', (text) => {
    expect(secretReason(text)).toBeUndefined();
  });
});
