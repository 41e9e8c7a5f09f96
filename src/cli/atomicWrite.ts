import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { RerateError } from '../engine/issues';
import { UsageError } from './io';

/** The file-system calls an atomic write makes; tests replace one to make a write fail. */
export interface FileOps {
  open: (file: string) => number;
  write: (fd: number, data: Uint8Array) => void;
  fsync: (fd: number) => void;
  close: (fd: number) => void;
  rename: (from: string, to: string) => void;
  unlink: (file: string) => void;
}

export const NODE_FILE_OPS: FileOps = {
  // `wx`: the temp name is new; never follow or reuse another file.
  open: (file) => openSync(file, 'wx', 0o666),
  write: (fd, data) => {
    let done = 0;
    while (done < data.byteLength) done += writeSync(fd, data, done, data.byteLength - done);
  },
  fsync: (fd) => fsyncSync(fd),
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  unlink: (file) => unlinkSync(file),
};

/**
 * Where `--out F` will go, checked before any input is read: F resolved against `cwd` (through a
 * symlink to its target). A folder that does not exist, a parent that is not a folder, or F being a
 * folder is bad usage (`UsageError`, exit 2) naming the path — not a stack trace after the run.
 */
export function checkOutPath(out: string, cwd: string, flag = '--out'): string {
  const target = path.resolve(cwd, out);
  const folder = path.dirname(target);
  const kind = kindOf(folder);
  if (kind === 'missing') throw new UsageError(`${flag} ${out}: the folder ${folder} does not exist`);
  if (kind !== 'directory') throw new UsageError(`${flag} ${out}: ${folder} is not a folder`);
  const existing = kindOf(target);
  if (existing === 'directory') throw new UsageError(`${flag} ${out} is a folder; name a file`);
  if (existing === 'file') {
    try {
      return realpathSync(target);
    } catch {
      return target;
    }
  }
  return target;
}

function kindOf(file: string): 'missing' | 'directory' | 'file' | 'other' {
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return 'directory';
    return stats.isFile() ? 'file' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'other';
  }
}

export interface OutputFile {
  /** Resolved path (`checkOutPath`). */
  path: string;
  /** Shown in messages: the path as the user gave it. */
  name: string;
  data: string | Uint8Array;
}

/**
 * Writes every file all or nothing: each to a temp file beside its target (same folder, so the
 * rename never crosses file systems), written and fsynced; only when every temp file is complete
 * are they renamed over their targets. A failure before the renames removes every temp file and
 * leaves every target as it was; it throws `RerateError('UNWRITABLE_FILE')` naming the file.
 * (A rename failing after another succeeded cannot be undone; renames within one folder do not
 * fail for want of space.)
 */
export function writeFilesAtomically(files: readonly OutputFile[], ops: FileOps = NODE_FILE_OPS): void {
  const temps: { temp: string; file: OutputFile }[] = [];
  let current: OutputFile | null = null;
  const renamed: string[] = [];
  try {
    for (const file of files) {
      current = file;
      const temp = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = ops.open(temp);
      temps.push({ temp, file });
      try {
        ops.write(fd, typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data);
        ops.fsync(fd);
      } finally {
        ops.close(fd);
      }
    }
    for (const { temp, file } of temps) {
      current = file;
      ops.rename(temp, file.path);
      renamed.push(file.name);
    }
  } catch (error) {
    for (const { temp } of temps) {
      try {
        ops.unlink(temp);
      } catch {
        // Already renamed, or never created: nothing to remove.
      }
    }
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const done = renamed.length === 0 ? 'nothing was written' : `only ${renamed.join(', ')} was written`;
    throw new RerateError('UNWRITABLE_FILE', `${current?.name ?? 'the output'} could not be written (${why}); ${done}.`);
  }
}

/** A file written a part at a time, all or nothing (`openAtomicFile`). */
export interface AtomicFile {
  /** Appends text (UTF-8) to the temp file. */
  write(text: string): void;
  /** Fsyncs, closes and renames the temp file over the target. */
  commit(): void;
  /** Closes and removes the temp file; the target stays as it was. Never throws. */
  abort(): void;
}

/**
 * `writeFilesAtomically` for one file too big to hold as one string (`rerate lines` over a million
 * lines): a temp file beside the target takes the parts as they come; `commit` renames it into
 * place, `abort` (or any failure) removes it, so the target is either the whole new file or as it
 * was. A failure throws `RerateError('UNWRITABLE_FILE')` naming the file, the temp file removed.
 */
export function openAtomicFile(target: { path: string; name: string }, ops: FileOps = NODE_FILE_OPS): AtomicFile {
  const temp = path.join(path.dirname(target.path), `.${path.basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  let created = false;
  const discard = (): void => {
    if (fd !== null) {
      try {
        ops.close(fd);
      } catch {
        // Closing a file we are throwing away: nothing to save.
      }
      fd = null;
    }
    if (created) {
      try {
        ops.unlink(temp);
      } catch {
        // Never created or already gone.
      }
      created = false;
    }
  };
  const fail = (error: unknown): never => {
    discard();
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new RerateError('UNWRITABLE_FILE', `${target.name} could not be written (${why}); nothing was written.`);
  };
  try {
    fd = ops.open(temp);
    created = true;
  } catch (error) {
    fail(error);
  }
  return {
    write(text) {
      if (fd === null) throw new Error(`${target.name}: write after commit or abort`);
      try {
        ops.write(fd, Buffer.from(text, 'utf8'));
      } catch (error) {
        fail(error);
      }
    },
    commit() {
      if (fd === null) throw new Error(`${target.name}: commit after commit or abort`);
      try {
        ops.fsync(fd);
        ops.close(fd);
        fd = null;
        ops.rename(temp, target.path);
        created = false;
      } catch (error) {
        fail(error);
      }
    },
    abort: discard,
  };
}
