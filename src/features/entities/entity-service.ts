import * as vscode from 'vscode';
import { EntityCache, entityCacheVersion } from '../../core/entities/cache';
import { EntityBuildQueue } from '../../core/entities/build-queue';
import { DebouncedSaver } from '../../core/debounced-saver';
import { EntityFeeder, FeedRound } from '../../core/entities/feeder';
import { EntityCorpusIndex } from '../../core/entities/corpus-index';
import { extractDocument } from '../../core/entities/extract';
import { LocalResolver } from '../../core/entities/local-resolution';
import { entityModelVersion, hasEntityModelSource } from '../../core/entities/ner/runtime';
import { HostFileError } from '../../core/host/file-system';
import { BulkExtraction, type ExtractionMode } from '../../core/entities/bulk-extraction';
import type { EntitySummary, ResolvedMention } from '../../core/entities/types';
import { ExtractionCancelled } from '../../core/entities/worker-pool';
import { extractionPlace } from '../../core/entities/scheduling';
import { InteractiveYield, type InteractiveYieldStats } from '../../core/entities/interactive-yield';
import type { ParseResult, SeedDocument } from '../../core/types';
import { openDocument, type ParseCache } from '../parse-cache';
import type { EntityMention as ReviewEntityMention, EntitySource } from '../review/entity-source';
import type { WorkspaceSeedIndex } from '../workspace-index';
import { EntityConfig, readEntityConfig } from './entity-config';
import { documentIndexAt, documentKeys } from '../../core/entities/document-keys';
import type { LexiconSource } from './lexicon-config';
import type { EntityHost } from './entity-host';

/** Counters the tests and the log read (cumulative since activation, except `last*`). */
export interface EntityServiceStats {
  /** Documents whose extraction came from the cache (memory or storage) instead of being recomputed. */
  fromCache: number;
  /** Documents extracted by the worker pool. */
  extractedByWorkers: number;
  /** Documents of bulk runs extracted in slices on the extension host (a host without workers). */
  extractedInSlices: number;
  /** Documents extracted in the extension host (small edits, hover on a changed document). */
  extractedInPlace: number;
  /** Entries read from the storage file at the last load. */
  cacheLoaded: number;
  /** Times the cache was written to storage. */
  cacheWrites: number;
  /** Finished builds (a build is one drain of the queue of changed files). */
  builds: number;
  /** The last build: duration, and how many of its documents came from the cache / were extracted. */
  lastBuildMs: number;
  lastBuildFromCache: number;
  lastBuildExtracted: number;
}

/** Where a position's mention was resolved: the corpus index, or the document alone (index not ready). */
export interface MentionLookup {
  /** 'corpus': through the index; 'document' / 'line': the document alone, whole or only that line. */
  mode: 'corpus' | 'document' | 'line';
  uri: vscode.Uri;
  /** The document's key in the index (its id; `id#2` for a repeated id). */
  docKey: string;
  doc: SeedDocument;
  mention: ResolvedMention;
  /** The entity: corpus-wide counts in 'corpus' mode, this document's in 'document' mode. */
  entity: EntitySummary;
  /** Mentions of the same entity in this seed document. */
  inDocument: ResolvedMention[];
}

/** What the service needs from the wiring. */
export interface EntityServiceDeps {
  context: vscode.ExtensionContext;
  parseCache: ParseCache;
  workspaceIndex: WorkspaceSeedIndex;
  lexicon: LexiconSource;
  log: vscode.LogOutputChannel;
  /** What differs between the Node and the web worker extension host. */
  host: EntityHost;
}

export type { ExtractionMode };

/** Quiet time after a change before the index is updated (the workspace index already debounces typing). */
const CHANGE_DEBOUNCE_MS = 150;

/** The entity cache's version for the installed model (a missing model is reported where extraction fails). */
function cacheVersion(): string {
  try {
    return entityCacheVersion(entityModelVersion());
  } catch {
    return entityCacheVersion('no-model');
  }
}
/** Time the colouring of an unindexed file may spend extracting documents in the extension host. */
const LOCAL_TOKENS_BUDGET_MS = 40;
const CACHE_WRITE_DEBOUNCE_MS = 5000;
/** The least time between two progress states of a bulk run (status bar, the report's progress). */
const PROGRESS_INTERVAL_MS = 100;
const CACHE_FILE = 'entity-cache.json';

/**
 * The workspace's named-entity index, kept in the extension host and fed off the main thread.
 *
 * Feeding: every seed file the workspace index knows is read (editor text when open, else the
 * disk), parsed, and cut into documents; a document whose body hash and position the index
 * already holds is skipped, one whose hash is in the extraction cache is added from it, and the
 * rest go to the worker pool in batches, results landing in the index (and the cache) as they
 * arrive. Afterwards only files the workspace index reports changed are re-read, and only their
 * changed documents re-extracted. The cache lives in the extension's storage, so a reopened
 * corpus recomputes nothing that did not change.
 */
export class EntityService implements EntitySource, vscode.Disposable {
  /** The index, the extraction cache and what the index holds (core/entities/feeder.ts). */
  private readonly feeder: EntityFeeder;
  /** The queue of files and the run that drains it (core/entities/build-queue.ts). */
  private readonly queue: EntityBuildQueue;
  /** The worker pool or the slices, chosen on the first bulk run (core/entities/bulk-extraction.ts). */
  private readonly bulk: BulkExtraction;
  /** Pauses bulk extraction for a moment after each interactive request (core/entities/interactive-yield.ts). */
  private readonly yieldRule: InteractiveYield;
  private yieldOn = true;
  private modelLoading: Promise<void> | undefined;
  private config: EntityConfig;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  private readonly statusItem = vscode.window.createStatusBarItem('seedReview.entities', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.stateEmitter, this.statusItem];
  /** Answers from one document alone while the index cannot answer (core/entities/local-resolution.ts). */
  private readonly local: LocalResolver;
  private poolRunning = false;
  private progressDone = 0;
  private progressTotal = 0;
  /** Read on the first build that has seed files (reading it needs the model's version, and activation must not load the model). */
  private cacheLoaded: Promise<void> | undefined;
  /** Writes the cache 5 s after its last change, one write at a time (core/debounced-saver.ts). */
  private readonly cacheSaver: DebouncedSaver;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private warmed = false;
  private buildRequested = false;
  readonly stats: EntityServiceStats = {
    fromCache: 0, extractedByWorkers: 0, extractedInSlices: 0, extractedInPlace: 0, cacheLoaded: 0, cacheWrites: 0, builds: 0,
    lastBuildMs: 0, lastBuildFromCache: 0, lastBuildExtracted: 0,
  };
  /** Fires (throttled) when entities, counts or mentions changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires when building starts, progresses or ends. */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(private readonly deps: EntityServiceDeps) {
    this.config = readEntityConfig(deps.host.cores);
    this.feeder = new EntityFeeder(new EntityCache(), deps.lexicon.settingLexicon);
    this.queue = new EntityBuildQueue({
      scheduler: deps.host.scheduler,
      round: (uris, signal) => this.round(uris, signal),
      active: () => this.config.enabled && !this.disposed,
      onError: (error) => {
        if (!(error instanceof ExtractionCancelled)) this.deps.log.error(`Entity index: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      },
      onSettled: (_first, firstComplete) => this.settle(firstComplete),
    });
    this.local = new LocalResolver({
      feeder: this.feeder,
      settingLexicon: () => deps.lexicon.settingLexicon,
      modelReady: hasEntityModelSource,
      // The browser reads the model asynchronously: no local answer until it is there.
      loadModel: () => void this.ensureModel().catch(() => undefined),
      onCached: () => this.markCacheDirty(),
    });
    this.cacheSaver = new DebouncedSaver({
      scheduler: deps.host.scheduler,
      delayMs: CACHE_WRITE_DEBOUNCE_MS,
      // A cache never read must not overwrite the stored one.
      ready: () => this.cacheLoaded !== undefined,
      save: () => this.saveCache(),
      onError: (error) => this.deps.log.warn(`Entity cache not written: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.bulk = new BulkExtraction({
      scheduler: deps.host.scheduler,
      workers: () => deps.host.entityWorkers(),
      poolSize: () => this.config.workers,
      log: (message) => deps.log.info(message),
    });
    this.yieldRule = new InteractiveYield({ scheduler: deps.host.scheduler, setPaused: (paused) => this.bulk.setPaused(paused) });
    this.statusItem.name = 'Seed Review Entities';
    this.statusItem.command = 'seedReview.entities.showLog';
    this.disposables.push(
      deps.workspaceIndex.onDidChange((uris) => {
        // Before the first build starts, that build reads every file anyway.
        if (!this.buildRequested) return;
        this.enqueue(uris.map((u) => u.toString()), CHANGE_DEBOUNCE_MS);
      }),
      deps.lexicon.onDidChange(() => void this.lexiconsChanged()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('seedReview.entities')) this.onConfigChanged();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.local.forgetFile(document.uri.toString());
      }),
    );
    void this.start();
  }

  /** The corpus index (read-only use: the report, tests). */
  get index(): EntityCorpusIndex {
    return this.feeder.index;
  }

  /** Whether the entity features are on. */
  get enabled(): boolean {
    return this.config.enabled;
  }

  /** True while the corpus index is being built (first build, or a bulk update in the workers). */
  get building(): boolean {
    return this.config.enabled && (!this.queue.built || this.poolRunning);
  }

  /** Progress of the current bulk run, 0-100 (100 when idle). */
  get percent(): number {
    if (!this.building) return 100;
    return this.progressTotal === 0 ? 0 : Math.floor((100 * this.progressDone) / this.progressTotal);
  }

  /** The report's view of the state (shape of ReportStatus). */
  status(): { building: boolean; done?: number; total?: number } {
    return this.building ? { building: true, done: this.progressDone, total: this.progressTotal } : { building: false };
  }

  /** Resolves when nothing is queued or running (rejects never; resolves at once when disabled). */
  whenIdle(token?: vscode.CancellationToken): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      void this.queue.whenIdle().then(resolve);
      token?.onCancellationRequested(() => resolve());
    });
  }

  /**
   * Drops the index and builds it again from every seed file. `dropCache` also forgets every
   * cached extraction (everything is recomputed); `reloadCache` writes the cache to storage and
   * reads it back first (what a reopened window does).
   */
  async rebuild(options: { dropCache?: boolean; reloadCache?: boolean } = {}): Promise<void> {
    await this.queue.clear();
    if (options.dropCache) {
      await this.ensureModel().catch(() => undefined);
      this.feeder.cache = new EntityCache(undefined, cacheVersion());
      this.markCacheDirty();
    } else if (options.reloadCache) {
      await this.writeCache();
      this.cacheLoaded = this.loadCache();
    }
    this.resetIndex();
    this.queue.restart();
    this.fireState();
    await this.startBuild();
  }

  /** Writes the extraction cache to storage now (also done debounced and on dispose). */
  async flushCache(): Promise<void> {
    await this.writeCache();
  }

  /** Where the cache is stored. */
  get cacheUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.deps.context.storageUri ?? this.deps.context.globalStorageUri, CACHE_FILE);
  }

  /** The cache's file path (the Node host's tests read it). */
  get cacheFile(): string {
    return this.cacheUri.fsPath;
  }

  /** Where bulk extraction runs in this host, once decided (the first bulk run decides). */
  get extractionMode(): ExtractionMode | undefined {
    return this.bulk.mode;
  }

  /** Which workers run the extraction, or why there are none (for the log, tests and benchmarks). */
  get extractionDetail(): string | undefined {
    return this.bulk.detail;
  }

  /**
   * For tests and benchmarks: run bulk extraction in slices on the extension host (what a host
   * without workers does), or back to the host's choice. Takes effect at the next bulk run.
   */
  async setExtractionMode(mode: ExtractionMode | undefined): Promise<void> {
    if (!this.bulk.force(mode)) return;
    const old = this.bulk.detach();
    this.queue.abortRun();
    await this.queue.runEnded();
    await (await old)?.dispose();
  }

  /**
   * An interactive request arrived (hover, references, highlights, a move between documents):
   * while the index builds, its extraction gives the cores to the user for a moment (a bounded
   * pause, core/entities/interactive-yield.ts), so the request's round trip through the editor
   * does not share them with the build.
   */
  noteInteraction(): void {
    if (this.poolRunning && this.yieldOn) this.yieldRule.interactive();
  }

  /** For benchmarks and tests: whether interactive requests pause the build (on by default). */
  setInteractionYield(on: boolean): void {
    this.yieldOn = on;
  }

  /** What the interactive pause did since activation (benchmarks, tests). */
  get interactionYield(): Readonly<InteractiveYieldStats> & { paused: boolean } {
    return { ...this.yieldRule.stats, paused: this.yieldRule.isPaused };
  }

  // ---- queries -------------------------------------------------------------------------------

  /**
   * The mention at a position, resolved through the corpus index when it is built (a document
   * edited since is brought up to date first: one article, a few milliseconds), else through
   * the document alone. Undefined when there is no mention there.
   */
  lookup(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): MentionLookup | undefined {
    if (!this.config.enabled) return undefined;
    const parse = this.deps.parseCache.get(document);
    const i = documentIndexAt(parse, position.line);
    if (i < 0) return undefined;
    const doc = parse.documents[i];
    if (position.line < doc.bodyStartLine || position.line > doc.bodyEndLine) return undefined;
    const docKey = documentKeys(parse)[i];
    const covers = (m: ResolvedMention) => m.line === position.line && m.start <= position.character && position.character <= m.end;
    if (token?.isCancellationRequested) return undefined;
    if (this.answersFromCorpus(document)) {
      const uri = document.uri.toString();
      this.ensureInSync(uri, docKey, doc);
      const mentions = this.feeder.index.mentionsOfDocument(uri, docKey);
      const mention = mentions.find(covers);
      if (!mention) return undefined;
      const entity = this.feeder.index.entity(mention.entityKey);
      if (!entity) return undefined;
      return { mode: 'corpus', uri: document.uri, docKey, doc, mention, entity, inDocument: mentions.filter((m) => m.entityKey === mention.entityKey) };
    }
    const local = this.local.resolve(document.uri.toString(), document.version, doc, docKey, position.line);
    const mention = local.mentions.find(covers);
    const entity = mention && local.entities.get(mention.entityKey);
    if (!mention || !entity) return undefined;
    return { mode: local.scope, uri: document.uri, docKey, doc, mention, entity, inDocument: local.mentions.filter((m) => m.entityKey === mention.entityKey) };
  }

  /**
   * The resolved mentions of every seed document of an editor, for colouring: from the index
   * where it is current, else from the document alone (for a bounded time, so a huge unindexed
   * file does not hold the extension host; the rest is coloured when the index has it).
   */
  mentionsForEditor(document: vscode.TextDocument): ResolvedMention[] {
    if (!this.config.enabled) return [];
    const parse = this.deps.parseCache.get(document);
    const keys = documentKeys(parse);
    const uri = document.uri.toString();
    const corpus = this.answersFromCorpus(document);
    const out: ResolvedMention[] = [];
    const deadline = Date.now() + LOCAL_TOKENS_BUDGET_MS;
    parse.documents.forEach((doc, i) => {
      if (corpus && this.feeder.inSync(uri, keys[i], doc)) out.push(...this.feeder.index.mentionsOfDocument(uri, keys[i]));
      else if (Date.now() < deadline) out.push(...this.local.resolve(uri, document.version, doc, keys[i]).mentions);
    });
    return out;
  }

  /** EntitySource: number of distinct entities in a document, once the index is built. */
  entityCountOf(uri: vscode.Uri, docId: string): number | undefined {
    if (this.building || !this.feeder.hasDocument(uri.toString(), docId)) return undefined;
    return this.feeder.index.entitiesOfDocument(uri.toString(), docId).length;
  }

  /**
   * EntitySource: documents mentioning an entity whose canonical name or a surface equals
   * `query` (case-insensitive), else contains it. Waits for the index to be built.
   */
  async documentsMentioning(query: string, token?: vscode.CancellationToken): Promise<readonly ReviewEntityMention[]> {
    await this.whenIdle(token);
    if (token?.isCancellationRequested || !this.config.enabled) return [];
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const all = this.feeder.index.allEntities();
    const names = (e: EntitySummary) => [e.canonical, ...e.surfaces].map((s) => s.toLowerCase());
    let matches = all.filter((e) => names(e).includes(q));
    if (matches.length === 0) matches = all.filter((e) => names(e).some((s) => s.includes(q)));
    const seen = new Set<string>();
    const out: ReviewEntityMention[] = [];
    for (const e of matches) {
      for (const d of this.feeder.index.documentsOf(e.key)) {
        const docId = d.docId.replace(/#\d+$/, '');
        const k = `${d.uri}\u0000${docId}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ uri: vscode.Uri.parse(d.uri), docId });
      }
    }
    return out;
  }

  // ---- building ------------------------------------------------------------------------------

  private async start(): Promise<void> {
    await this.deps.lexicon.ready;
    await this.deps.workspaceIndex.ready;
    if (this.disposed) return;
    await this.startBuild();
  }

  private async startBuild(): Promise<void> {
    if (!this.config.enabled || this.disposed) {
      this.fireState();
      return;
    }
    const files = this.deps.workspaceIndex.allFiles();
    // No seed file, nothing to load: the cache (and with it the model's version) waits for the first one.
    if (files.length > 0) await (this.cacheLoaded ??= this.loadCache());
    this.buildRequested = true;
    this.enqueue(files.map((f) => f.uri.toString()), 0);
    await this.whenIdle();
  }

  private enqueue(uris: readonly string[], delayMs: number): void {
    this.queue.enqueue(uris, delayMs);
  }

  /** One round over a snapshot of the queue: each file re-read and fed, then the jobs extracted. */
  private async round(uris: string[], signal: AbortSignal): Promise<void> {
    await (this.cacheLoaded ??= this.loadCache());
    if (signal.aborted) return;
    const started = Date.now();
    const round = new FeedRound();
    for (const uri of uris) {
      const parse = await this.readParse(uri);
      if (signal.aborted) return;
      if (!parse) {
        this.feeder.removeFile(uri);
        continue;
      }
      const lexicon = await this.deps.lexicon.forFile(vscode.Uri.parse(uri));
      if (signal.aborted) return;
      await this.feeder.feedFile(round, uri, parse, lexicon, () => this.tick());
      await this.tick();
    }
    const { jobs, fromCache, documents } = round;
    this.stats.fromCache += fromCache;
    if (fromCache > 0) this.fireChangeSoon();
    if (jobs.length > 0) {
      // A run stopped during its last file (a dispose, a switch-off) ends as the extractor would end
      // it, but before the state is fired, the model warmed and workers asked for.
      if (signal.aborted) throw new ExtractionCancelled();
      if (extractionPlace(jobs, this.queue.built) === 'host') await this.extractInPlace(round);
      else await this.extractInWorkers(round, signal);
    }
    this.stats.builds++;
    this.stats.lastBuildMs = Date.now() - started;
    this.stats.lastBuildFromCache = fromCache;
    this.stats.lastBuildExtracted = jobs.length;
    if (jobs.length > 0 || fromCache > 0 || !this.queue.built) {
      this.deps.log.info(`Entity index: ${uris.length} file(s), ${documents} document(s): ${fromCache} from cache, ${jobs.length} extracted, `
        + `${documents - fromCache - jobs.length} unchanged, in ${this.stats.lastBuildMs} ms`);
    }
    if (jobs.length > 0) this.markCacheDirty();
  }

  private async extractInPlace(round: FeedRound): Promise<void> {
    for (const job of round.jobs) {
      this.feeder.accept(round, job.key, extractDocument(job.lines));
      this.stats.extractedInPlace++;
      await this.tick();
    }
    this.fireChangeSoon();
  }

  /** Gives the extension host a turn (input, hovers, messages) between slices of work. */
  private tick(): Promise<void> {
    return this.deps.host.scheduler.yieldToHost();
  }

  /**
   * Makes the model available (the host reads it: a file in Node, the extension's URI through
   * workspace.fs in the browser); once, on the first need.
   */
  private ensureModel(): Promise<void> {
    this.modelLoading ??= this.deps.host.loadModel().catch((error) => {
      this.modelLoading = undefined;
      throw error;
    });
    return this.modelLoading;
  }

  private async extractInWorkers(round: FeedRound, signal: AbortSignal): Promise<void> {
    const { jobs } = round;
    this.poolRunning = true;
    this.progressDone = 0;
    this.progressTotal = jobs.length;
    this.fireState();
    this.warmLocalExtractor();
    const extractor = await this.bulk.get();
    let lastProgress = -Infinity;
    const inSlices = this.bulk.mode === 'slices';
    try {
      const result = await extractor.extract(jobs, {
        signal,
        onResult: (key, extraction) => {
          this.feeder.accept(round, key, extraction);
          if (inSlices) this.stats.extractedInSlices++;
          else this.stats.extractedByWorkers++;
        },
        onProgress: (done, total) => {
          this.progressDone = done;
          this.progressTotal = total;
          // State only: listeners of onDidChange (CodeLens, the tree) refresh once the run is done.
          // At most every 100 ms: slices report every few milliseconds, and each state is a status bar update.
          const now = this.deps.host.scheduler.now();
          if (done < total && now - lastProgress < PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          this.fireState();
        },
      });
      for (const [key, error] of result.errors) this.deps.log.warn(`Entity extraction failed for ${key.replace('\u0000', ' ')}: ${error}`);
    } finally {
      this.poolRunning = false;
    }
  }

  /** The parse of a seed file as the reviewer sees it: the editor's text when open, else the disk's. */
  private async readParse(uri: string): Promise<ParseResult | undefined> {
    const parsed = vscode.Uri.parse(uri);
    if (!this.deps.workspaceIndex.get(parsed)) return undefined;
    // A closed file's parse is the one the workspace index read: not read and parsed a second time.
    if (!openDocument(parsed)) {
      const held = this.deps.workspaceIndex.parseOf(parsed);
      if (held) return held;
    }
    try {
      return await this.deps.parseCache.parseFile(parsed);
    } catch (error) {
      this.deps.log.warn(`Entity index skipped ${parsed.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A run ended with nothing queued (the queue's onSettled); `firstComplete`: the index holds the whole corpus for the first time. */
  private settle(firstComplete: boolean): void {
    this.poolRunning = false;
    this.fireState();
    this.fireChangeNow();
    // After the first build, drop cached results of documents that no longer exist, so the stored cache follows the corpus.
    // Not after an aborted first run (a switch-off, a rebuild, dispose): the index then holds part of the corpus, or none.
    if (firstComplete && this.feeder.retainCacheOfIndex()) this.markCacheDirty();
    // Build the corpus-wide summaries now, not in the first hover after the build.
    setTimeout(() => {
      if (!this.building && !this.disposed) this.feeder.index.allEntities();
    }, 0);
  }

  private isIdle(): boolean {
    return !this.config.enabled || this.disposed || this.queue.isIdle();
  }

  private answersFromCorpus(document: vscode.TextDocument): boolean {
    if (this.building) return false;
    if (!this.deps.workspaceIndex.get(document.uri)) return false;
    const uri = document.uri.toString();
    // A file the index has not seen yet (just opened or created) is not "built" either.
    return this.feeder.hasFile(uri) || !this.queue.has(uri);
  }

  /** Brings one document of the index up to date with the editor (it was edited since the last update). */
  private ensureInSync(uri: string, docKey: string, doc: SeedDocument): void {
    const outcome = this.feeder.bringInSync(uri, docKey, doc);
    if (outcome === 'current') return;
    if (outcome === 'queue') {
      // Too long for the host's thread (or the file's lexicon not known yet): the queue takes it;
      // the index answers from what it has meanwhile.
      this.enqueue([uri], CHANGE_DEBOUNCE_MS);
      return;
    }
    if (outcome === 'from-cache') this.stats.fromCache++;
    else {
      this.stats.extractedInPlace++;
      this.markCacheDirty();
    }
    this.fireChangeSoon();
  }

  /**
   * Loading the tagger costs a few hundred milliseconds once; paid while the workers start
   * rather than in the first hover that needs a document-local answer.
   */
  private warmLocalExtractor(): void {
    if (this.warmed) return;
    this.warmed = true;
    setTimeout(() => {
      try {
        extractDocument([{ line: 0, text: 'Officials in Paris met Anna Schmidt of the United Nations.' }]);
      } catch {
        // A broken tagger is reported by the workers; the warm-up stays silent.
      }
    }, 50);
  }

  /**
   * A lexicon file or the setting changed: each file's lexicon is asked for again (once per
   * folder), and the files whose lexicon changed are queued. There each document is fed again
   * from the extraction cache (nothing is extracted again) under its new lexicon.
   */
  private async lexiconsChanged(): Promise<void> {
    this.local.clear();
    this.fireChangeSoon();
    if (!this.buildRequested) return;
    const changed: string[] = [];
    for (const file of this.deps.workspaceIndex.allFiles()) {
      const uri = file.uri.toString();
      const before = this.feeder.fileLexicon(uri);
      if (!before || before.key !== (await this.deps.lexicon.forFile(file.uri)).key) changed.push(uri);
    }
    if (changed.length > 0 && !this.disposed) this.enqueue(changed, CHANGE_DEBOUNCE_MS);
  }

  private resetIndex(): void {
    this.feeder.reset(this.deps.lexicon.settingLexicon);
    this.local.clear();
  }

  private onConfigChanged(): void {
    const before = this.config;
    this.config = readEntityConfig(this.deps.host.cores);
    if (before.workers !== this.config.workers && this.bulk.mode === 'workers') {
      const old = this.bulk.detach();
      const wasRunning = this.queue.draining;
      this.queue.abortRun();
      void old.then((extractor) => extractor?.dispose());
      if (this.config.enabled && wasRunning) void this.queue.runEnded().then(() => this.enqueue(this.deps.workspaceIndex.allFiles().map((f) => f.uri.toString()), 0));
    }
    if (before.enabled && !this.config.enabled) {
      void this.queue.clear();
      this.resetIndex();
      this.queue.restart();
      this.fireState();
      this.fireChangeNow();
      this.queue.release();
    } else if (!before.enabled && this.config.enabled) {
      // A run aborted by the switch-off may have settled since: the corpus is not built yet.
      this.queue.restart();
      void this.startBuild();
    }
  }

  // ---- events, status, cache storage ---------------------------------------------------------

  private fireState(): void {
    if (this.building && this.config.enabled) {
      const counts = this.progressTotal > 0 ? ` ${this.progressDone}/${this.progressTotal}` : '';
      this.statusItem.text = `$(sync~spin) Seed entities${counts}`;
      this.statusItem.tooltip = 'Building the named-entity index of the seed corpus in the background (click for the log)';
      this.statusItem.show();
    } else {
      this.statusItem.hide();
    }
    this.stateEmitter.fire();
  }

  private fireChangeSoon(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changeEmitter.fire();
    }, 300);
  }

  private fireChangeNow(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    this.changeEmitter.fire();
  }

  private markCacheDirty(): void {
    this.cacheSaver.markDirty();
  }

  private async loadCache(): Promise<void> {
    // The cache is keyed by the model's version: the model comes first.
    try {
      await this.ensureModel();
    } catch (error) {
      this.deps.log.error(`Entity model not loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const text = new TextDecoder().decode(await this.deps.host.files.readFile(this.cacheUri.toString()));
      const cache = EntityCache.fromJSON(JSON.parse(text), undefined, cacheVersion());
      this.feeder.cache = cache;
      this.stats.cacheLoaded = cache.size;
      this.deps.log.info(`Entity cache: ${cache.size} extraction(s) read from ${this.cacheUri.toString(true)}`);
    } catch (error) {
      this.stats.cacheLoaded = 0;
      this.feeder.cache = new EntityCache(undefined, cacheVersion());
      if (!(error instanceof HostFileError && error.code === 'not-found')) this.deps.log.warn(`Entity cache not read (${error instanceof Error ? error.message : String(error)}); starting empty`);
    }
  }

  private cacheBytes(): Uint8Array {
    return new TextEncoder().encode(JSON.stringify(this.feeder.cache.toJSON()));
  }

  /** Writes the cache now if it changed, after any write under way (see DebouncedSaver). */
  private writeCache(): Promise<void> {
    return this.cacheSaver.flush();
  }

  private async saveCache(): Promise<void> {
    const { files } = this.deps.host;
    await files.createDirectory(vscode.Uri.joinPath(this.cacheUri, '..').toString());
    // Atomic (a temporary sibling, then a rename): a crash mid-write must not leave half a cache.
    await files.writeFileAtomic(this.cacheUri.toString(), this.cacheBytes());
    this.stats.cacheWrites++;
  }

  dispose(): void {
    this.disposed = true;
    this.yieldRule.dispose();
    this.queue.dispose();
    clearTimeout(this.changeTimer);
    this.cacheSaver.dispose();
    // Also when a write is under way: VS Code may end the process before it is renamed into place.
    if (this.cacheSaver.unsaved && this.cacheLoaded) {
      try {
        const write = this.deps.host.writeFileNow;
        // VS Code does not wait for an asynchronous write at shutdown: written now where the host can.
        if (write) write(this.cacheUri.toString(), this.cacheBytes());
        else void this.deps.host.files.writeFileAtomic(this.cacheUri.toString(), this.cacheBytes()).catch(() => undefined);
      } catch {
        // Shutting down: a lost cache only costs a recomputation next time.
      }
    }
    this.bulk.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
