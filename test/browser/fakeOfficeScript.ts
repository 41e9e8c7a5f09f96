import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

export interface FakeOfficeOptions {
  /** Sheets of the recorded workbook at start; default ['Sheet1']. */
  sheets?: string[];
  /** false: the recording fake keeps syncs and bytes but no cell values (the bench's light mode). */
  keepCells?: boolean;
  /**
   * The highest ExcelApi version `Office.context.requirements.isSetSupported` says yes to (default
   * '1.13', what the pane's workbook calls need: Table.resize); null: none. Other sets: no.
   */
  excelApi?: string | null;
}

let recordingScript: string | null = null;

/**
 * test/addin/recordingExcel.ts as a plain script for the page: transpiled (no type check; it has no
 * imports on purpose) and wrapped so that it defines `RecordingExcel` without a module system.
 */
function recordingExcelScript(): string {
  if (recordingScript === null) {
    const source = readFileSync(resolve(__dirname, '../addin/recordingExcel.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, removeComments: true },
    });
    recordingScript = `var RecordingExcelModule = (function () { var exports = {}; ${outputText}\nreturn exports; })();`;
  }
  return recordingScript;
}

/**
 * The script served in place of office.js from the CDN in the browser tests: a fake `Office`
 * whose onReady resolves with `host`, a `CustomFunctions` registry (`window.__rerate.registered`
 * keeps the ids and functions the real bundle associated) and, for host Excel, `Excel.run` over a
 * real RecordingExcel (`window.__rerate.excel`: its sheets, tables and syncs can be read back) and
 * requirement sets up to ExcelApi `options.excelApi` (so Reconcile draws the native waterfall, 1.9).
 */
export function fakeOfficeScript(host: 'Excel' | null, options: FakeOfficeOptions = {}): string {
  const excel = host === 'Excel'
    ? `${recordingExcelScript()}
  state.excel = new RecordingExcelModule.RecordingExcel(${JSON.stringify(options.sheets ?? ['Sheet1'])}, { keepCells: ${options.keepCells !== false} });
  window.Excel = { run: function (batch) { state.excelRuns += 1; return state.excel.run(batch); } };`
    : '';
  const excelApi = host === 'Excel' && options.excelApi !== null ? options.excelApi ?? '1.13' : null;
  return `
(function () {
  var state = { registered: {}, ids: [], excelRuns: 0, excel: null };
  window.__rerate = state;
  window.Office = {
    onReady: function () { return Promise.resolve({ host: ${JSON.stringify(host)}, platform: ${host ? '"OfficeOnline"' : 'null'} }); },
    context: {
      officeTheme: { bodyBackgroundColor: '#ffffff', isDarkTheme: false },
      requirements: { isSetSupported: function (name, version) { return supports(${JSON.stringify(excelApi)}, name, version); } },
    },
  };
  // 'ExcelApi' up to the highest version given, compared part by part as numbers ('1.9' < '1.13').
  function supports(highest, name, version) {
    if (highest === null || String(name).toLowerCase() !== 'excelapi') return false;
    var want = String(version || '1.1').split('.').map(Number);
    var have = highest.split('.').map(Number);
    for (var i = 0; i < Math.max(want.length, have.length); i += 1) {
      if ((want[i] || 0) !== (have[i] || 0)) return (want[i] || 0) < (have[i] || 0);
    }
    return true;
  }
  ${excel}
  function ExcelError(code, message) { this.code = code; this.message = message; }
  window.CustomFunctions = {
    Error: ExcelError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    associate: function (id, fn) { state.ids.push(id); state.registered[id] = fn; },
  };
})();
`;
}
