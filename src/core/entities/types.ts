/**
 * Plain-data types of the entity pipeline. Everything here crosses worker boundaries and is
 * stored in caches as JSON, so no classes and no functions.
 */

/**
 * Bump when extraction output changes: cached results of older pipelines are discarded.
 * 3: the connector rules of 2026-12-04 ("in", "of", lower-case words, pairs split at "and").
 */
export const PIPELINE_VERSION = 3;

/** The three entity types the reviewer sees (CoNLL's MISC is deliberately not extracted). */
export type EntityType = 'person' | 'place' | 'organization';

/** All entity types, in the order ties are broken. */
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'place', 'organization'];

/** One non-blank body line: 0-based line number in the file and its text without line ending. */
export interface EntityLine {
  line: number;
  text: string;
}

/** Where a mention came from: the tagger pipeline, the user lexicon, or corpus-wide recovery. */
export type MentionSource = 'tagger' | 'lexicon' | 'corpus';

/** One mention in one document. A mention never spans lines. */
export interface EntityMention {
  /** 0-based line in the file. */
  line: number;
  /** UTF-16 start and end (exclusive) characters within the line. */
  start: number;
  end: number;
  /** The text as written (after span cleaning). */
  text: string;
  type: EntityType;
  source: MentionSource;
  /** Set when local context decided the type (a team in a result): consolidation keeps it. */
  pinned?: boolean;
}

/**
 * A capitalised word run the tagger could not type. Kept so that corpus consolidation can find
 * missed mentions of entities known from other documents without re-reading the text.
 */
export interface EntityCandidate {
  line: number;
  start: number;
  /** The run's text; matches are searched inside it at word boundaries. */
  text: string;
  /** True when the run comes from an all-caps line (matching is then case-insensitive). */
  caps: boolean;
}

/** What extraction yields for one document; cached per body hash. */
export interface DocumentExtraction {
  mentions: EntityMention[];
  candidates: EntityCandidate[];
  /** Word count of the body (for throughput figures). */
  words: number;
}

/** A consolidated entity of the corpus. */
export interface EntitySummary {
  /** Stable key: `type:normalised canonical name`. */
  key: string;
  type: EntityType;
  /** The longest (then most frequent) full form seen. */
  canonical: string;
  /** Every surface form linked to this entity (canonical included). */
  surfaces: string[];
  mentionCount: number;
  documentCount: number;
}

/** A mention resolved to its corpus entity. */
export interface ResolvedMention extends EntityMention {
  uri: string;
  docId: string;
  entityKey: string;
}
