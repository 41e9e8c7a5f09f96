import { RerateError } from '../engine/issues';

/** True when the page runs inside Excel with the Excel JavaScript API loaded. */
export function isExcelAvailable(): boolean {
  return typeof Excel !== 'undefined' && typeof Excel.run === 'function';
}

/**
 * The one call of `Excel.run` in the project: every workbook change goes through here, so a
 * test can swap the global for a recording fake and see every batch.
 */
export function runInExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  if (!isExcelAvailable()) {
    return Promise.reject(new RerateError('BAD_VALUE', 'Excel is not available here: open Rerate in Excel from Home → Rerate.'));
  }
  return Excel.run(batch);
}
