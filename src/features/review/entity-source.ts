import type * as vscode from 'vscode';

/** One document that mentions an entity. */
export interface EntityMention {
  uri: vscode.Uri;
  /** The document id (as written on its open delimiter; the file name's id for a bare file). */
  docId: string;
}

/**
 * What the review features need from the named-entity index (implemented by the entity
 * feature; optional: without it, CodeLens shows no entity count and the tree's entity filter
 * says it is unavailable).
 */
export interface EntitySource {
  /** How many entities the document holds, or undefined while unknown (not computed yet). */
  entityCountOf(uri: vscode.Uri, docId: string): number | undefined;
  /**
   * The documents that mention an entity matching `query` (case-insensitive text of the
   * entity, across the workspace's seed files).
   */
  documentsMentioning(query: string, token?: vscode.CancellationToken): Thenable<readonly EntityMention[]> | readonly EntityMention[];
  /** Fires when counts or mentions changed (CodeLens and the tree refresh). */
  readonly onDidChange?: vscode.Event<void>;
  /** A move between documents started: a building index gives the cores to it for a moment (optional). */
  noteInteraction?(): void;
}
