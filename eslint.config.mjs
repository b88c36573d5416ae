import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Node's own modules by their bare names (fs, path, worker_threads, ...), which src/core may not import. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The language service must stay usable from the CLI, workers and plain Node tests.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is the pure language service: no VS Code API here. Put adapters in src/features/.' }],
        patterns: [{
          group: ['node:*', ...NODE_BUILTINS],
          message: 'src/core runs in the CLI, the Node extension host and the browser: no Node module here. Put what differs behind an interface in src/core/host/ with an implementation in src/node/ (and src/features/host/ for the editor).',
        }],
      }],
    },
  },
  {
    // The editor's code runs in the browser too (dist/web/extension.js): Node modules only in the
    // Node entry (src/extension.ts) and src/node/, with no exception.
    files: ['src/features/**/*.ts', 'src/web/**/*.ts', 'src/activate.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['node:*', ...NODE_BUILTINS],
          message: 'This code runs in the browser\'s extension host too: no Node module. Use the host interfaces of src/core/host (HostFileSystem via vscodeFileSystem, HostScheduler) or vscode.Uri.joinPath, and choose the Node implementation in src/extension.ts.',
        }],
      }],
    },
  },
);
