// Chinese word segmentation for full-text search (research/stack.md §2): jieba's search mode at index
// time, its precise mode at query time, tokens joined by spaces for `to_tsvector('simple', …)`.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | undefined;

/** The one jieba instance, loaded on first use (the dictionary takes ≈250 ms and ≈66 MB). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

function tokens(words: string[]): string {
  return words
    .map((w) => w.trim().toLowerCase())
    .filter((w) => WORD.test(w))
    .join(' ');
}

/** Index-time tokens: every word and its sub-words (高层次 → 高层 层次 高层次), space-joined. */
export function segmentForIndex(text: string): string {
  return tokens(segmenter().cutForSearch(text, true));
}

/** Query-time tokens: the precise segmentation of what the visitor typed, space-joined. */
export function segmentQuery(text: string): string {
  return tokens(segmenter().cut(text, true));
}
