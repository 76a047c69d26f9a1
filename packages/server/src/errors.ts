// The one error type of the server and its map from code to HTTP status.
import { type Lang, type MessageKey, translate } from './i18n';

export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  policy_denied: 422,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type LocalText = { zh: string; en: string };

/** A failure the caller can act on: a code, a message (a catalogue key or zh/en text) and details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: MessageKey | LocalText,
    readonly details?: unknown,
    readonly params: Record<string, string | number> = {},
  ) {
    super(typeof text === 'string' ? translate(text, 'en', params) : text.en);
  }

  get status(): number {
    return errorStatus[this.code];
  }

  /** The message in the caller's language. */
  localized(lang: Lang): string {
    return typeof this.text === 'string' ? translate(this.text, lang, this.params) : this.text[lang];
  }
}
