import { createHash } from 'node:crypto';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { issueFromError, RerateError, type Issue } from '../engine/issues';
import type { ByteSource } from '../formats/source';
import { fileSource } from './fileSource';
import { IssuesError } from './io';

/** A billing file as given on the command line (`arg`, the name issues show) and resolved (`path`). */
export interface InputFile {
  arg: string;
  path: string;
}

/**
 * The billing files named on the command line, each read once. A file named twice — the same path
 * written two ways (`a.csv ./a.csv`), a symlink to it, or another file with byte-identical content —
 * is dropped after its first mention with a `DUPLICATE_FILE` warning naming both arguments:
 * billing it twice would double every invoice. Identity is the real path first; contents are
 * compared (sha256) only between files of equal size, so distinct files cost one `stat` each.
 * A path that cannot be resolved (missing, unreadable) is kept: its reader reports it.
 */
export async function distinctFiles(args: readonly string[], cwd: string): Promise<{ files: InputFile[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const files: InputFile[] = [];
  const byRealPath = new Map<string, string>();
  const bySize = new Map<number, { arg: string; real: string; hash?: string | null }[]>();
  for (const arg of args) {
    const full = path.resolve(cwd, arg);
    let real: string;
    let size: number;
    try {
      real = realpathSync(full);
      const stats = statSync(real);
      if (!stats.isFile()) throw new Error('not a file');
      size = stats.size;
    } catch {
      files.push({ arg, path: full });
      continue;
    }
    const same = byRealPath.get(real);
    if (same !== undefined) {
      issues.push(duplicate(`${arg} is the same file as ${same}; read once.`));
      continue;
    }
    byRealPath.set(real, arg);
    const sized = bySize.get(size) ?? [];
    let copyOf: string | null = null;
    if (sized.length > 0) {
      const hash = await sha256(real);
      for (const other of sized) {
        other.hash ??= await sha256(other.real);
        if (hash !== null && other.hash === hash) {
          copyOf = other.arg;
          break;
        }
      }
      sized.push({ arg, real, hash });
    } else {
      sized.push({ arg, real });
    }
    bySize.set(size, sized);
    if (copyOf !== null) {
      issues.push(duplicate(`${arg} has the same content as ${copyOf}; read once.`));
      continue;
    }
    files.push({ arg, path: full });
  }
  return { files, issues };
}

function duplicate(message: string): Issue {
  return { code: 'DUPLICATE_FILE', severity: 'warning', message };
}

/** The file's sha256, or null when it cannot be read (then it matches nothing; its reader reports it). */
async function sha256(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}

/**
 * The billing files named on the command line, each opened before anything is read or written:
 * a file named twice is read once (DUPLICATE_FILE in `issues`), and a file that cannot be opened
 * stops the run with every issue so far (IssuesError), so no output is ever half made.
 */
export async function openBillingFiles(args: readonly string[], cwd: string): Promise<{ sources: ByteSource[]; issues: Issue[] }> {
  const inputs = await distinctFiles(args, cwd);
  const issues: Issue[] = [...inputs.issues];
  const sources: ByteSource[] = [];
  for (const { arg, path } of inputs.files) {
    try {
      sources.push({ ...fileSource(path), name: arg });
    } catch (error) {
      if (!(error instanceof RerateError)) throw error;
      throw new IssuesError([...issues, issueFromError(error)]);
    }
  }
  return { sources, issues };
}
