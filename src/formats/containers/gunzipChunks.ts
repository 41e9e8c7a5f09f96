import { Gunzip } from 'fflate';
import { ContainerError } from './containerError';

/** fflate inflates synchronously: feeding it small slices bounds each output burst (~1000:1). */
const FFLATE_SLICE = 64 * 1024;

/** `platform`: DecompressionStream; `fflate`: the portable fallback; or an inflater the host injects. */
export type GunzipEngine = 'platform' | 'fflate' | ((input: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>);

/**
 * Decompresses a gzip byte stream as it arrives. The platform's `DecompressionStream('gzip')`
 * (native zlib in Node, the browser's own inflater) is about three times faster than fflate,
 * which stays as the fallback where it is missing. Concatenated gzip members are read in turn.
 * Throws `ContainerError` `truncated` when the input stops mid-stream and `corrupt` when it is
 * not gzip data; everything decompressed before the fault has been yielded by then (the
 * platform inflater may hold back its last block of up to 64 KiB). Errors of the input itself
 * (an abort, a read error) pass through unchanged.
 */
export function gunzipChunks(input: AsyncIterable<Uint8Array>, engine: GunzipEngine = defaultEngine()): AsyncGenerator<Uint8Array> {
  if (typeof engine === 'function') return gunzipWith(engine, input);
  return engine === 'platform' ? gunzipWithStream(input) : gunzipWithFflate(input);
}

/** An injected inflater, its errors classified like the platform's. */
async function* gunzipWith(inflate: (input: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>, input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* inflate(input);
  } catch (error) {
    if (error instanceof ContainerError || (error as { name?: string }).name === 'AbortError') throw error;
    throw classify(error);
  }
}

function defaultEngine(): GunzipEngine {
  return typeof DecompressionStream === 'function' ? 'platform' : 'fflate';
}

const ignore = (): void => undefined;

async function* gunzipWithStream(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let inputError: { error: unknown } | null = null;
  let stopped = false;

  // Feed the inflater from its own loop, so reading the output never waits on the input.
  const pump = (async () => {
    const iterator = input[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        inputError = { error };
        await writer.abort(error).catch(ignore);
        return;
      }
      if (next.done) break;
      if (stopped) {
        await iterator.return?.();
        return;
      }
      try {
        await writer.ready;
      } catch {
        await iterator.return?.(); // the inflater failed; the reader reports why
        return;
      }
      writer.write(next.value as Uint8Array<ArrayBuffer>).catch(ignore);
    }
    await writer.close().catch(ignore);
  })();

  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        if (inputError !== null) throw (inputError as { error: unknown }).error;
        throw classify(error);
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    stopped = true;
    await reader.cancel().catch(ignore);
    await pump;
  }
}

async function* gunzipWithFflate(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const gunzip = new Gunzip((data) => {
    out.push(data);
  });
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      gunzip.push(chunk, final);
    } catch (error) {
      throw classify(error);
    }
  };
  for await (const chunk of input) {
    for (let offset = 0; offset < chunk.byteLength; offset += FFLATE_SLICE) {
      push(chunk.subarray(offset, Math.min(chunk.byteLength, offset + FFLATE_SLICE)), false);
      while (out.length > 0) yield out.shift() as Uint8Array;
    }
  }
  push(new Uint8Array(0), true);
  while (out.length > 0) yield out.shift() as Uint8Array;
}

/** Node says `Z_BUF_ERROR` / "unexpected end of file", Chrome "input was truncated", fflate code 0. */
function classify(error: unknown): ContainerError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  const truncated = code === 'Z_BUF_ERROR' || code === 0 || /unexpected end|truncat|unexpected EOF/i.test(text);
  return new ContainerError(truncated ? 'truncated' : 'corrupt', text);
}
