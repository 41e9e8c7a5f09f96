import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ContainerError } from './containerError';

/** fflate inflates synchronously: small slices bound each output burst (~1000:1). */
const SLICE = 64 * 1024;

/** Receives one zip entry's decompressed bytes, in order. */
export interface ZipEntrySink {
  push(bytes: Uint8Array): void;
  end(): void;
}

/**
 * Streams a zip archive entry by entry (fflate's `Unzip`, reading local headers as the bytes
 * arrive, so the archive is never held whole). `open(name)` is asked for every file entry and
 * returns a sink to read it, or null to skip it. Returns the names of all file entries seen.
 * Throws `ContainerError` `truncated` when the archive ends inside an entry, `corrupt` for bad
 * data, and rethrows whatever a sink throws (a `limit` error stops the archive there).
 */
export async function unzipEntries(input: AsyncIterable<Uint8Array>, open: (name: string) => ZipEntrySink | null): Promise<string[]> {
  const names: string[] = [];
  let failure: unknown = null;
  let current: { sink: ZipEntrySink; file: UnzipFile; name: string } | null = null;

  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return; // a directory
    names.push(file.name);
    const sink = failure === null ? open(file.name) : null;
    if (sink === null) return;
    const entry = { sink, file, name: file.name };
    current = entry;
    // fflate catches what a handler throws and hands it back as `error`: keep it, stop the entry.
    file.ondata = (error, data, final) => {
      if (failure !== null) return;
      try {
        if (error) throw error;
        if (data.byteLength > 0) sink.push(data);
        if (final) {
          current = null;
          sink.end();
        }
      } catch (caught) {
        failure = caught;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      unzip.push(chunk, final);
    } catch (error) {
      if (failure === null) failure = error;
    }
    if (failure === null) return;
    // At the end, with an entry still open, fflate says "invalid zip data": the archive is cut.
    if (final && current !== null && typeof (failure as { code?: unknown }).code === 'number') {
      throw new ContainerError('truncated', `the archive ends inside ${(current as { name: string }).name}`);
    }
    throw asContainerError(failure);
  };

  for await (const chunk of input) {
    for (let offset = 0; offset < chunk.byteLength; offset += SLICE) {
      push(chunk.subarray(offset, Math.min(chunk.byteLength, offset + SLICE)), false);
    }
  }
  push(new Uint8Array(0), true);
  const open_ = current as { name: string } | null;
  if (open_ !== null) throw new ContainerError('truncated', `the archive ends inside ${open_.name}`);
  return names;
}

function asContainerError(error: unknown): unknown {
  if (error instanceof ContainerError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'number') {
    return new ContainerError(code === 0 ? 'truncated' : 'corrupt', typeof message === 'string' ? message : String(error));
  }
  return error;
}
