/**
 * Serial numbers of printed ballots carry a check digit by the Damm algorithm (H. M. Damm,
 * 2004): a weakly totally anti-symmetric quasigroup of order 10 catches every single-digit
 * error and every transposition of adjacent digits, with a decimal digit only (ISO 7064
 * MOD 11-2 needs an `X`, which a teller cannot type on a number pad).
 */
const table = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

function interim(digits: string): number {
  let row = 0;
  for (const d of digits) row = table[row]![Number(d)]!;
  return row;
}

/** The check digit of a string of decimal digits. */
export function computeCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('digits only');
  return interim(digits);
}

/** Digits of a serial body, 7 of them: ten million ballots before a range runs out. */
const serialBodyLength = 7;

/** A serial as printed: the zero-padded body and its check digit, 8 digits. */
export function formatSerial(body: number): string {
  const digits = String(body).padStart(serialBodyLength, '0');
  return `${digits}${computeCheckDigit(digits)}`;
}

/** Printed in two groups of four, easier to read aloud and to compare by eye. */
export function groupSerial(serial: string): string {
  return `${serial.slice(0, 4)} ${serial.slice(4)}`;
}

/**
 * A typed serial's body, or why it is refused: not 8 digits, or a check digit that does not
 * match (a misread or mistyped digit, two digits swapped, an invented number).
 */
export function parseSerial(
  typed: string,
): { ok: true; body: number } | { ok: false; reason: 'serial_malformed' | 'serial_check_digit' } {
  const digits = typed.replace(/[\s-]/g, '');
  if (!new RegExp(`^\\d{${serialBodyLength + 1}}$`).test(digits)) {
    return { ok: false, reason: 'serial_malformed' };
  }
  // A valid Damm number (body + check digit) runs through the table back to 0.
  if (interim(digits) !== 0) return { ok: false, reason: 'serial_check_digit' };
  return { ok: true, body: Number(digits.slice(0, serialBodyLength)) };
}
