// Masking of personal data in responses, logs and audit details (DESIGN §5).

/** First and last character of a name: 张三丰 → 张*丰, 李四 → 李*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** An ID number keeps its first and last character only: 3305…1234 → 3****************4. */
export function maskIdNumber(id: string): string {
  if (id.length <= 2) return '*'.repeat(id.length);
  return `${id[0]}${'*'.repeat(id.length - 2)}${id.at(-1)}`;
}

/** A phone keeps 3 + 4: 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const SENSITIVE_KEYS = /password|passwd|secret|token|idnumber|id_number|phone|mobile|cookie|authorization/i;

/** Deep copy of a JSON-like value with sensitive keys replaced by "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SENSITIVE_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}
