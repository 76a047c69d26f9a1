import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token of `bytes` bytes. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Hex SHA-256 of a string. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
