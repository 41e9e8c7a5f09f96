import { strFromU8, unzipSync } from 'fflate';
import { writeXlsx } from './writeXlsx';

async function sheetXml(): Promise<{ sheet: string; strings: string }> {
  const bytes = await writeXlsx({
    sheets: [{
      name: 'S',
      columns: [{ header: 'A' }, { header: 'B' }],
      rows: [['=HYPERLINK("http://x","y")', { number: '1.125' }], [{ formula: 'B2*2' }, { formula: 'ROUND(B2,2)', numFmt: '0.00' }]],
    }],
  });
  const files = unzipSync(bytes);
  return { sheet: strFromU8(files['xl/worksheets/sheet1.xml']), strings: strFromU8(files['xl/sharedStrings.xml']) };
}

describe('writeXlsx', () => {
  test('writeXlsx(model) stores hostile text as a shared string, never as a formula', async () => {
    const { sheet, strings } = await sheetXml();
    expect(strings).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(sheet).toMatch(/<c r="A2"[^>]*t="s"[^>]*>/);
    expect(sheet).not.toContain('<f>HYPERLINK');
  });

  test('writeXlsx(model) stores formulas without a cached result and numbers as numbers', async () => {
    const { sheet } = await sheetXml();
    expect(sheet).toMatch(/<c r="A3"[^>]*><f>B2\*2<\/f><\/c>/);
    expect(sheet).toMatch(/<c r="B3"[^>]*><f>ROUND\(B2,2\)<\/f><\/c>/);
    expect(sheet).toMatch(/<c r="B2"[^>]*><v>1.125<\/v><\/c>/);
  });
});
