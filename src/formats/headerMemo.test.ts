import { strToU8, zipSync } from 'fflate';
import type { BillingLine } from '../engine/line';
import { HeaderMemo } from './headerMemo';
import { readBilling } from './readBilling';
import { bytesSource } from './source';

describe('HeaderMemo', () => {
  it('keeps values while the header is the same names in the same order, and drops them otherwise', () => {
    const memo = new HeaderMemo();
    let computed = 0;
    const get = (): string => memo.get('k', () => `v${++computed}`);
    expect(memo.use(['a', 'b'])).toBe(false);
    expect(get()).toBe('v1');
    expect(memo.use(['a', 'b'].map((x) => `${x}`))).toBe(true); // another array, same names
    expect(get()).toBe('v1');
    expect(memo.use(['b', 'a'])).toBe(false);
    expect(get()).toBe('v2');
    expect(memo.use(['b', 'a', 'c'])).toBe(false);
    expect(get()).toBe('v3');
    expect(memo.use(['b'])).toBe(false);
    expect(get()).toBe('v4');
  });
});

describe('readBilling of a zip whose tables share a header', () => {
  const columns = ['identity/LineItemId', 'bill/PayerAccountId', 'lineItem/UsageAccountId', 'bill/BillingPeriodStartDate', 'lineItem/LineItemType',
    'lineItem/ProductCode', 'lineItem/UsageType', 'lineItem/UsageAmount', 'lineItem/UnblendedCost', 'lineItem/BlendedCost', 'product/region'];
  const row = (i: number, cost: string): string[] => [`id${i}`, '111122223333', `44445555666${i % 10}`, '2023-11-01T00:00:00Z',
    i % 3 === 0 ? 'Tax' : 'Usage', 'AmazonEC2', 'BoxUsage:t3.micro', `${i}.5`, cost, cost, 'us-east-1'];
  /** A CUR 1.0 table with its columns in the order `order` gives (indexes into `columns`). */
  const table = (order: number[], rows: string[][]): string =>
    [order.map((i) => columns[i]), ...rows.map((r) => order.map((i) => r[i]))].map((r) => r.join(',')).join('\n') + '\n';
  const straight = columns.map((_, i) => i);
  const shuffled = [8, 3, 0, 10, 4, 1, 7, 2, 9, 6, 5];
  const dropped = straight.filter((i) => i !== 2); // no usage account: the payer is used, with a warning

  async function readAlone(name: string, text: string) {
    const lines: BillingLine[] = [];
    const read = await readBilling(bytesSource(name, strToU8(text)), (line) => lines.push(line));
    return { lines, control: read.controls[0], issues: read.issues };
  }

  it('reads every table as it would be read alone: same header twice, then shuffled, then one column fewer, then the first again', async () => {
    const texts: [string, string][] = [
      ['a.csv', table(straight, [row(1, '1.25'), row(2, '2')])],
      ['b.csv', table(straight, [row(3, '0.5'), row(4, '7')])],
      ['c.csv', table(shuffled, [row(5, '3.75'), row(6, '1')])],
      ['d.csv', table(dropped, [row(7, '10')])],
      ['e.csv', table(straight, [row(8, '0.125')])],
    ];
    const zip = zipSync(Object.fromEntries(texts.map(([name, text]) => [name, strToU8(text)])));
    const lines: BillingLine[] = [];
    const read = await readBilling(bytesSource('m.zip', zip), (line) => lines.push(line));
    const alone = await Promise.all(texts.map(([name, text]) => readAlone(`m.zip!${name}`, text)));
    expect(read.controls).toEqual(alone.map((a) => a.control));
    expect(lines).toEqual(alone.flatMap((a) => a.lines));
    expect(read.issues).toEqual(alone.flatMap((a) => a.issues));
    // The shuffled header maps by name: c.csv's costs and accounts are its own.
    const c = lines.filter((line) => line.source.file === 'm.zip!c.csv');
    expect(c.map((line) => [line.unblendedCost, line.account, line.usageAmount, line.kind])).toEqual([
      ['3.75', '444455556665', '5.5', 'usage'],
      ['1', '444455556666', '6.5', 'tax'],
    ]);
    expect(read.issues.map((issue) => issue.code)).toEqual(['MISSING_COLUMN']);
    expect(read.issues[0].source?.file).toBe('m.zip!d.csv');
  });

  it('count-only reads give the same controls with the memo as alone', async () => {
    const texts: [string, string][] = [
      ['a.csv', table(straight, [row(1, '1.25')])],
      ['b.csv', table(shuffled, [row(2, '2')])],
      ['c.csv', table(shuffled, [row(3, '4')])],
    ];
    const zip = zipSync(Object.fromEntries(texts.map(([name, text]) => [name, strToU8(text)])));
    const read = await readBilling(bytesSource('m.zip', zip), null);
    const alone = await Promise.all(texts.map(async ([name, text]) => (await readBilling(bytesSource(`m.zip!${name}`, strToU8(text)), null)).controls[0]));
    expect(read.controls).toEqual(alone);
    expect(read.controls.map((control) => control.unblendedRead)).toEqual(['1.25', '2', '4']);
  });
});
