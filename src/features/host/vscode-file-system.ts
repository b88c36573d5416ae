import * as vscode from 'vscode';
import {
  HostFileError, temporarySibling, type DirectoryEntry, type FileErrorCode, type FileKind, type HostFileSystem,
} from '../../core/host/file-system';

/** vscode.FileSystemError codes in the host interface's terms. */
function codeOf(error: unknown): FileErrorCode {
  if (!(error instanceof vscode.FileSystemError)) return 'other';
  switch (error.code) {
    case 'FileNotFound': return 'not-found';
    case 'FileExists': return 'exists';
    case 'FileNotADirectory': return 'not-directory';
    case 'FileIsADirectory': return 'is-directory';
    case 'NoPermissions': return 'permission';
    default: return 'other';
  }
}

function toHostFileError(error: unknown, location: string): HostFileError {
  if (error instanceof HostFileError) return error;
  const code = codeOf(error);
  return new HostFileError(code, location, code === 'other' && error instanceof Error ? error.message : undefined);
}

function kindOf(type: vscode.FileType): FileKind {
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

/**
 * The HostFileSystem of the editor, in every extension host (desktop, remote, browser): locations
 * are URI strings, and every operation goes through `vscode.workspace.fs`, so virtual workspaces
 * (github.dev's `vscode-vfs`) work as local folders do.
 */
export const vscodeFileSystem: HostFileSystem = {
  async readFile(location) {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.parse(location, true));
    } catch (error) {
      throw toHostFileError(error, location);
    }
  },

  async writeFileAtomic(location, data, options) {
    const target = vscode.Uri.parse(location, true);
    const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const temporary = vscode.Uri.parse(temporarySibling(location, unique), true);
    try {
      await vscode.workspace.fs.writeFile(temporary, data);
      await vscode.workspace.fs.rename(temporary, target, { overwrite: options?.overwrite !== false });
    } catch (error) {
      await Promise.resolve(vscode.workspace.fs.delete(temporary, { useTrash: false })).catch(() => undefined);
      throw toHostFileError(error, location);
    }
  },

  async stat(location) {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(location, true));
      return { kind: kindOf(stat.type), size: stat.size, mtimeMs: stat.mtime };
    } catch (error) {
      if (codeOf(error) === 'not-found') return undefined;
      throw toHostFileError(error, location);
    }
  },

  async readDirectory(location) {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(location, true));
      return entries.map(([name, type]): DirectoryEntry => ({ name, kind: kindOf(type) }));
    } catch (error) {
      throw toHostFileError(error, location);
    }
  },

  async createDirectory(location) {
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.parse(location, true));
    } catch (error) {
      throw toHostFileError(error, location);
    }
  },

  async delete(location) {
    try {
      await vscode.workspace.fs.delete(vscode.Uri.parse(location, true), { useTrash: false });
    } catch (error) {
      if (codeOf(error) !== 'not-found') throw toHostFileError(error, location);
    }
  },
};
