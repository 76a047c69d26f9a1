// The one error type of the loader: every problem of a pack, each located in its file.
import type { LoadIssue } from './types';

/** Thrown when a pack does not load; carries every problem found, not only the first. */
export class PackLoadError extends Error {
  readonly issues: LoadIssue[];

  constructor(issues: LoadIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `${formatIssue(first)}${more}` : 'pack failed to load');
    this.name = 'PackLoadError';
    this.issues = issues;
  }
}

/** Formats an issue as `file:line:column message` in one language. */
export function formatIssue(issue: LoadIssue, lang: 'zh' | 'en' = 'en'): string {
  return `${issue.file}:${issue.line}:${issue.column} ${lang === 'zh' ? issue.messageZh : issue.message}`;
}
