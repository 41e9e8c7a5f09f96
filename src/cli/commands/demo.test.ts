import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../main';

describe('rerate demo', () => {
  it('main(["demo", "--out", dir]) prints the invoices and walks and writes invoices.json, reconcile.json and workbook.xlsx', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-demo-'));
    const io = captureIo(dir);
    const code = await main(['demo', '--out', 'out'], io);
    expect(code).toBe(0);
    expect(io.out).toContain('INVOICES');
    expect(io.out).toContain('Globex GmbH — 2023-11 — EUR');
    expect(io.out).toContain('VARIANCE WALKS');
    const invoices = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'invoices.json'), 'utf8'));
    expect(invoices.invoices.map((i: { currency: string }) => i.currency)).toEqual(['GBP', 'GBP', 'EUR', 'EUR', 'USD', 'USD']);
    expect(invoices.invoices[0].lines.find((l: { category: string }) => l.category === 'Support plan: business').amount).toBe('82.13');
    expect(fs.readFileSync(path.join(dir, 'out', 'workbook.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const reconcile = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'reconcile.json'), 'utf8'));
    expect(reconcile.walks).toHaveLength(6);
    // Only the expected notice: Initech's November invoice floors at zero and carries 10.40.
    expect(invoices.issues.map((i: { code: string }) => i.code)).toEqual(['CREDIT_CARRIED']);
    // A tag that looks like a formula stays text all the way (it is never written as a cell here).
    expect(io.err).toContain('CREDIT_CARRIED');
  });
});
