import { escapeUntrusted } from '../engine/issues';

/** True when an action ended because its signal was aborted (Cancel), whatever it threw. */
export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError');
}

/**
 * What a failed action says: a RerateError's message is written for a person and shown as it is;
 * anything else as thrown. Either may quote the workbook or a file, so control characters are escaped.
 */
export function actionErrorMessage(error: unknown): string {
  return escapeUntrusted(error instanceof Error ? error.message : String(error));
}
