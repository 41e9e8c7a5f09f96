import * as path from 'node:path';
import { fileSource } from '../../src/cli/fileSource';
import { readBilling } from '../../src/formats/readBilling';
import type { BillingLine } from '../../src/engine/line';
import { FIXTURES } from './readFixture';

const PUBLIC = path.resolve(__dirname, '../../samples/public');
const FILES = [
  path.join(PUBLIC, 'cur1-sample-2023-11.csv'),
  path.join(PUBLIC, 'focus-1.0-sample.csv'),
  path.join(FIXTURES, 'cur2/cur2-2023-12.csv'),
  path.join(FIXTURES, 'focus/focus-1.2-2025-01.csv'),
  path.join(FIXTURES, 'dbr/dbr-2017-05.csv'),
  path.join(FIXTURES, 'dbr/dbr-mismatch-2017-07.csv'),
  path.join(FIXTURES, 'dbr/monthly-2016-01.csv'),
];

describe('readBilling(source, null)', () => {
  it.each(FILES.map((f) => [path.basename(f), f]))('readBilling(%s, null) gives the same controls and issues as building every line', async (_name, file) => {
    let lines = 0;
    const full = await readBilling(fileSource(file), () => { lines += 1; });
    const countOnly = await readBilling(fileSource(file), null);
    expect(countOnly.control).toEqual(full.control);
    expect(countOnly.issues).toEqual(full.issues);
    expect(full.control.linesEmitted).toBe(lines);
  });
});

describe('readBilling(source, onLine, { pricingFieldsOnly: true })', () => {
  const DESCRIPTIVE = ['invoiceId', 'availabilityZone', 'instanceType', 'platform', 'tenancy', 'description', 'resourceId', 'tags'] as const;
  it.each(FILES.map((f) => [path.basename(f), f]))('readBilling(%s, onLine, { pricingFieldsOnly }) gives the same controls, issues and priced fields', async (_name, file) => {
    const full: BillingLine[] = [];
    const priced: BillingLine[] = [];
    const a = await readBilling(fileSource(file), (line) => full.push(line));
    const b = await readBilling(fileSource(file), (line) => priced.push(line), { pricingFieldsOnly: true });
    expect(b.control).toEqual(a.control);
    expect(b.issues).toEqual(a.issues);
    const strip = (line: BillingLine) => {
      const copy: Record<string, unknown> = { ...line };
      for (const field of DESCRIPTIVE) delete copy[field];
      return copy;
    };
    expect(priced.map(strip)).toEqual(full.map(strip));
  });

  it('readBilling(cur1 sample, onLine, { pricingFieldsOnly }) leaves the descriptive fields null', async () => {
    const lines: BillingLine[] = [];
    await readBilling(fileSource(FILES[0]), (line) => lines.push(line), { pricingFieldsOnly: true });
    expect(lines).toHaveLength(1281);
    expect(lines.every((l) => l.description === null && l.resourceId === null && l.tags === null && l.availabilityZone === null)).toBe(true);
  });
});
