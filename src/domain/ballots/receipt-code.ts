import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new receipt code, 12 symbols (60 random bits) shown as `XXXX-XXXX-XXXX`. */
export function newReceiptCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += alphabet[bytes[i]! & 31];
    if (i === 3 || i === 7) out += '-';
  }
  return out;
}

/**
 * Normalises what a person typed into the stored form, or null if it cannot be a code.
 * Lower case, spaces and missing dashes are accepted; O, I and L are read as 0, 1 and 1.
 */
export function normaliseReceiptCode(input: string): string | null {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== 12 || [...symbols].some((c) => !alphabet.includes(c))) return null;
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}
