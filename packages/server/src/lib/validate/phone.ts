// Mainland mobile numbers: 11 digits starting 13–19, after stripping spaces, dashes and a +86 prefix.
// No carrier table: prefixes keep growing and numbers are portable.

/** Returns the normalised 11-digit number, or null when it is not a mainland mobile number. */
export function normalizeMobile(raw: string): string | null {
  const digits = raw
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
