import { bundleCommand } from './cli/bundle';
import { checkCommand } from './cli/check';
import { entitiesCommand } from './cli/entities';
import { CliCommand, CliIO, escapeControlCharacters, UsageError } from './cli/io';
import { outlineCommand } from './cli/outline';
import { splitCommand } from './cli/split';
import { reviewCommand } from './cli/review';
import { version } from '../package.json';

const commands: Record<string, { run: CliCommand; summary: string }> = {
  check: { run: checkCommand, summary: 'check PATH... [--format text|json|sarif|github] [--fix | --fix-dry-run] [--max-warnings N] [--quiet] [-o FILE]\n      report problems in seed files (each file\'s own and SEED012/013 across them), with the nearest .seed-review.json applied' },
  outline: { run: outlineCommand, summary: 'outline FILE [--format text|json]    list the documents of a seed file' },
  bundle: { run: bundleCommand, summary: 'bundle PATH... -o FILE.seed [--force]  bundle bare seed files into one corpus (lossless)' },
  split: { run: splitCommand, summary: 'split FILE -o DIR [--force]           split a corpus back into bare seed files' },
  review: { run: reviewCommand, summary: 'review PATH... --status approved|rejected|flagged|unreviewed [--note TEXT]  set the review status of bare seed files (in their folder\'s seed-review.jsonl) or corpus documents (FILE#ID: one document)' },
  entities: { run: entitiesCommand, summary: 'entities FILE [--format text|json] [--lexicon FILE.json] [--workers N]  list named entities (people, places, organisations),\n      with the lexicon of the nearest .seed-review.json and .seed-entities.json, then --lexicon' },
};

const usage = () => [
  'Usage: seed-review <command> [options]',
  '',
  'Commands:',
  ...Object.values(commands).map((command) => `  ${command.summary}`),
  '',
  'Options: --help, --version',
  'Exit codes: 0 ok, 1 errors found or more warnings than --max-warnings (check), 2 bad input, an unreadable file or project file, usage, or an internal error',
].join('\n');

/** Runs the CLI with the given arguments and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`seed-review: unknown command "${name}"; run seed-review --help for the list`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: seed-review ${command.summary}`);
    return 0;
  }
  // Whatever a command prints may carry a file's text: no terminal control reaches the screen raw.
  const safe: CliIO = { ...io, out: (line) => io.out(escapeControlCharacters(line)), err: (line) => io.err(escapeControlCharacters(line)) };
  try {
    return await command.run(rest, safe);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`seed-review: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`seed-review: ${error.message}; run seed-review ${name} --help`);
      return 2;
    }
    // Exit codes stay 0 / 1 / 2 (as eslint's): a run that could not finish is a 2, never a pass or a finding.
    io.err(`seed-review: internal error: ${error instanceof Error ? error.message : String(error)} (please report this)`);
    return 2;
  }
}

/** Runs the CLI on this process's arguments and streams; sets the exit code. */
export function runFromProcess(): void {
  // A closed pipe (`seed-review check . | head`) is the reader's choice, not an error to report:
  // output stops, the run goes on to its end, and the exit code still says what was found
  // (exiting here would exit 0 before the code is known).
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stdoutClosed = true;
    else throw error;
  });
  const io: CliIO = {
    out: (line) => {
      if (!stdoutClosed) process.stdout.write(line + '\n');
    },
    err: (line) => process.stderr.write(line + '\n'),
    progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\u001b[K${text}`) : undefined,
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}

if (require.main === module) runFromProcess();
