// Flint never remembers secrets. The model is told so; this filter refuses the obvious ones anyway
// and says why, so the user sees what happened.

function luhnValid(digits: string) {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const checks: Array<{ test(text: string): boolean; reason: string }> = [
  {
    reason: 'it looks like a payment card number',
    test: (text) => (text.match(/(?:\d[ -]?){13,19}/g) ?? []).some((match) => {
      const digits = match.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
    }),
  },
  { reason: 'it looks like a password or PIN', test: (text) => /\b(pass ?words?|passcodes?|passphrases?|pins?|pwd)\b\s*(is|are|was|:|=)/i.test(text) },
  {
    reason: 'it looks like an API key or access token',
    test: (text) => /\b(sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,})\b/.test(text) || /\b(api[ _-]?key|secret|token)\b\s*(is|:|=)\s*\S{8,}/i.test(text),
  },
  { reason: 'it contains a private key', test: (text) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) },
  { reason: 'it looks like a social security number', test: (text) => /\b\d{3}-\d{2}-\d{4}\b/.test(text) },
  { reason: 'it looks like a bank account number (IBAN)', test: (text) => /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/.test(text) },
];

/** Why this must not be remembered, or undefined when it is fine. */
export function secretReason(text: string): string | undefined {
  return checks.find((check) => check.test(text))?.reason;
}
