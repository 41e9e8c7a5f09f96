import { replaceXmlForbidden, sanitizeWorkbookText, xmlForbiddenIssue } from './xmlText';
import type { WorkbookModel } from './workbookModel';

describe('replaceXmlForbidden', () => {
  test('replaceXmlForbidden(text) replaces C0 but tab/LF/CR, U+FFFE, U+FFFF and lone surrogates with U+FFFD, keeping pairs', () => {
    expect(replaceXmlForbidden('a\u0000b\u0008c\u000bd\u000ce\u001ff')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf');
    expect(replaceXmlForbidden('\ufffe\uffff')).toBe('\ufffd\ufffd');
    expect(replaceXmlForbidden('x\ud800y\udc00z\udbff')).toBe('x\ufffdy\ufffdz\ufffd');
    expect(replaceXmlForbidden('tab\tlf\ncr\r 💶 \u007f\u0085 Zürich')).toBe('tab\tlf\ncr\r 💶 \u007f\u0085 Zürich');
  });
});

describe('sanitizeWorkbookText', () => {
  test('sanitizeWorkbookText(model) cleans string cells and headers in place and counts the texts changed', () => {
    const model: WorkbookModel = { sheets: [{
      name: 'PriceBook',
      columns: [{ header: 'Rule\u0001' }, { header: 'Value' }],
      rows: [['a\uffffb', { number: '1' }, { formula: 'SUM(A1)' }, null, 'ok'], ['\ud800']],
    }] };
    expect(sanitizeWorkbookText(model)).toBe(3);
    expect(model.sheets[0].columns.map((c) => c.header)).toEqual(['Rule\ufffd', 'Value']);
    expect(model.sheets[0].rows).toEqual([['a\ufffdb', { number: '1' }, { formula: 'SUM(A1)' }, null, 'ok'], ['\ufffd']]);
    expect(sanitizeWorkbookText(model)).toBe(0);
  });

  test('xmlForbiddenIssue(n) is one BAD_VALUE warning giving the count', () => {
    expect(xmlForbiddenIssue(1)).toEqual({ code: 'BAD_VALUE', severity: 'warning', message: '1 text value held characters a workbook cannot hold; they were replaced with U+FFFD.' });
    expect(xmlForbiddenIssue(4).message).toBe('4 text values held characters a workbook cannot hold; they were replaced with U+FFFD.');
  });
});
