import * as vscode from 'vscode';
import type { SeverityOverride } from '../core/config/project-config';
import type { DiagnosticCode } from '../core/types';

export type { SeverityOverride } from '../core/config/project-config';

/** Which files' problems the Problems panel shows: the open ones, or every seed file of the workspace. */
export type DiagnosticsScope = 'openFiles' | 'workspace';

/** The extension's settings, read once per change and typed (so no feature reads raw strings). */
export interface SeedReviewConfig {
  diagnosticsEnabled: boolean;
  debounceMs: number;
  severityOverrides: Partial<Record<DiagnosticCode, SeverityOverride>>;
  crossFileChecks: boolean;
  diagnosticsScope: DiagnosticsScope;
  /** When documents get their paragraphs as children in the Outline, breadcrumbs and sticky scroll. */
  outlineParagraphs: OutlineParagraphs;
}

/**
 * `seedReview.outline.paragraphs`: `auto` gives paragraph children to files of at most
 * OUTLINE_PARAGRAPHS_AUTO_LIMIT documents (see document-symbols.ts), `always` and `never` do what they say.
 */
export type OutlineParagraphs = 'auto' | 'always' | 'never';

/**
 * Reads a value of `seedReview.outline.paragraphs`. The setting used to be a boolean: a `true`
 * or `false` left in some settings file (one the migration could not write, or one synced from a
 * machine with an older version) still means what it meant, `always` or `never`. Anything else is `auto`.
 */
export function outlineParagraphsValue(value: unknown): OutlineParagraphs {
  if (value === true) return 'always';
  if (value === false) return 'never';
  return value === 'always' || value === 'never' ? value : 'auto';
}

const validSeverities = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads `seedReview.*` settings, ignoring values of the wrong shape rather than failing. */
export function readConfig(scope?: vscode.ConfigurationScope): SeedReviewConfig {
  const section = vscode.workspace.getConfiguration('seedReview', scope);
  const rawOverrides = section.get<Record<string, unknown>>('diagnostics.severity', {}) ?? {};
  const severityOverrides: Partial<Record<DiagnosticCode, SeverityOverride>> = {};
  for (const [code, value] of Object.entries(rawOverrides)) {
    if (/^SEED\d{3}$/.test(code) && typeof value === 'string' && validSeverities.has(value)) {
      severityOverrides[code as DiagnosticCode] = value as SeverityOverride;
    }
  }
  const debounce = section.get<number>('diagnostics.debounceMs', 250);
  return {
    diagnosticsEnabled: section.get<boolean>('diagnostics.enabled', true),
    debounceMs: typeof debounce === 'number' && debounce >= 0 ? Math.min(debounce, 5000) : 250,
    severityOverrides,
    crossFileChecks: section.get<boolean>('workspace.crossFileChecks', true),
    diagnosticsScope: section.get<string>('diagnostics.scope', 'openFiles') === 'workspace' ? 'workspace' : 'openFiles',
    outlineParagraphs: outlineParagraphsValue(section.get<unknown>('outline.paragraphs')),
  };
}
