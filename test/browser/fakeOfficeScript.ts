/**
 * The script served in place of office.js from the CDN in the browser test: a fake `Office`
 * whose onReady resolves with `host`, a recording `Excel.run`, and a `CustomFunctions` registry
 * (`window.__rerate.registered` keeps the ids and functions the real bundle associated).
 */
export function fakeOfficeScript(host: 'Excel' | null): string {
  return `
(function () {
  var state = { registered: {}, ids: [], excelRuns: 0 };
  window.__rerate = state;
  window.Office = {
    onReady: function () { return Promise.resolve({ host: ${JSON.stringify(host)}, platform: ${host ? '"OfficeOnline"' : 'null'} }); },
    context: { officeTheme: { bodyBackgroundColor: '#ffffff', isDarkTheme: false } },
  };
  ${host ? `window.Excel = { run: function (batch) { state.excelRuns += 1; return batch({ workbook: {}, sync: function () { return Promise.resolve(); } }); } };` : ''}
  function ExcelError(code, message) { this.code = code; this.message = message; }
  window.CustomFunctions = {
    Error: ExcelError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    associate: function (id, fn) { state.ids.push(id); state.registered[id] = fn; },
  };
})();
`;
}
