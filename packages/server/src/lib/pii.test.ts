import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, redact } from './mask';
import { createPiiCipher } from './pii';

describe('PII at rest', () => {
  const pii = createPiiCipher('k'.repeat(40));

  it('round-trips and never stores the plain value', () => {
    const sealed = pii.encrypt('11010519491231002X');
    expect(sealed).not.toContain('1101051949');
    expect(pii.decrypt(sealed)).toBe('11010519491231002X');
    expect(pii.encrypt('11010519491231002X')).not.toBe(sealed); // random IV
  });

  it('detects a tampered ciphertext', () => {
    const sealed = pii.encrypt('13800138000');
    const [version, iv, tag, body] = sealed.split('.');
    const bytes = Buffer.from(body as string, 'base64url');
    bytes[0] = (bytes[0] as number) ^ 0x01; // flip one bit of the ciphertext
    const tampered = [version, iv, tag, bytes.toString('base64url')].join('.');
    expect(tampered).not.toBe(sealed);
    expect(() => pii.decrypt(tampered)).toThrow();
  });

  it('gives equal lookup hashes for equal values and different ones under another key', () => {
    expect(pii.lookupHash('13800138000')).toBe(pii.lookupHash('13800138000'));
    expect(createPiiCipher('z'.repeat(40)).lookupHash('13800138000')).not.toBe(pii.lookupHash('13800138000'));
  });
});

describe('masking', () => {
  it('keeps first and last characters of names and ID numbers, 3+4 of phones', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('李四')).toBe('李*');
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('redacts sensitive keys deeply', () => {
    expect(redact({ a: { password: 'x', phone: '1', list: [{ idNumber: '2' }] }, ok: 1 })).toEqual({
      a: { password: '[redacted]', phone: '[redacted]', list: [{ idNumber: '[redacted]' }] },
      ok: 1,
    });
  });
});
