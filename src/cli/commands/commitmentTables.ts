import { UsageError } from '../io';

/** What `rialloc` and `spalloc` share: the output format and the no-sharing account list. */

export type AllocationFormat = 'json' | 'table' | 'csv';

export function allocationFormat(text: string | undefined): AllocationFormat {
  if (text === 'json' || text === 'table' || text === 'csv') return text;
  throw new UsageError(`--format must be json, table or csv, not "${text}"`);
}

/** `--no-sharing 111111111111,222222222222` → the ids; blanks dropped. */
export function accountList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
}
