import { FakeExcelError } from '../../test/addin/fakeCustomFunctions';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureIo } from '../../test/helpers/captureIo';
import { main } from '../cli/main';
import { riAllocation, spAllocation } from './functions';
import { tableCache } from './adapter';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/commitments');
const fixture = (name: string) => path.join(FIXTURES, name);

/** A CSV fixture as Excel holds it after opening the file: numeric-looking cells become numbers. */
function sheet(name: string, asNumbers = true): unknown[][] {
  return fs.readFileSync(fixture(name), 'utf8').trim().split(/\r?\n/).map((line) => line.split(',').map((cell) =>
    (asNumbers && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell)));
}

async function cliJson(args: string[]): Promise<{ usage: Record<string, unknown>[] }> {
  const io = captureIo();
  expect(await main([...args, '--format', 'json'], io)).toBe(0);
  return JSON.parse(io.out) as { usage: Record<string, unknown>[] };
}

/** The CLI's per-row JSON as the spill shows it: numbers, and id lists joined with ", ". */
function asSpill(row: Record<string, unknown>, keys: string[]): unknown[] {
  return keys.map((key) => (Array.isArray(row[key]) ? (row[key] as string[]).join(', ') : Number(row[key])));
}

const RI_CASES: [string, string, string, string[]][] = [
  ['Susan & Bob', 'susan-bob-usage.csv', 'susan-bob-reservations.csv', []],
  ['Susan & Bob, Bob not sharing', 'susan-bob-usage.csv', 'susan-bob-reservations.csv', ['222222222222']],
  ['size-flexible m3 and c4', 'flex-usage.csv', 'flex-reservations.csv', []],
];

describe('DBR.RIALLOC and DBR.SPALLOC', () => {
  test.each(RI_CASES)('riAllocation(%s) equals `rerate rialloc --format json` row for row, numbers or text cells', async (_, usage, reservations, noSharing) => {
    const cli = await cliJson(['rialloc', '--usage', fixture(usage), '--reservations', fixture(reservations),
      ...(noSharing.length > 0 ? ['--no-sharing', noSharing.join(',')] : [])]);
    const expected = [['Covered', 'OnDemand', 'Reservations'], ...cli.usage.map((u) => asSpill(u, ['covered', 'onDemand', 'reservations']))];
    const sharing = noSharing.length > 0 ? [noSharing] : undefined;
    expect(await riAllocation(sheet(usage), sheet(reservations), sharing)).toEqual(expected);
    expect(await riAllocation(sheet(usage, false), sheet(reservations, false), sharing)).toEqual(expected);
  });

  test('riAllocation(Susan & Bob) gives PRODUCT.md’s figures: Susan 3, Bob 2 covered, 4 on demand', async () => {
    expect(await riAllocation(sheet('susan-bob-usage.csv'), sheet('susan-bob-reservations.csv'))).toEqual([
      ['Covered', 'OnDemand', 'Reservations'], [3, 0, 'r-susan'], [2, 4, 'r-susan'],
    ]);
  });

  test('riAllocation keeps blank usage rows blank and in place, and a bad row is #VALUE! in that row only', async () => {
    const usage = sheet('susan-bob-usage.csv');
    const withGaps = [usage[0], ['', '', '', '', '', '', '', ''], usage[1], [...usage[2].slice(0, 7), 'x']];
    const result = await riAllocation(withGaps, sheet('susan-bob-reservations.csv'));
    expect(result.slice(0, 3)).toEqual([['Covered', 'OnDemand', 'Reservations'], ['', '', ''], [3, 0, 'r-susan']]);
    expect(result[3]).toHaveLength(3);
    expect(result[3][0]).toBeInstanceOf(FakeExcelError);
    expect(result[3][0]).toMatchObject({ code: '#VALUE!' });
    expect((result[3][0] as FakeExcelError).message).toContain('"x"');
  });

  test('riAllocation without a Quantity column, or with an error cell, is #VALUE! for the whole call', async () => {
    const usage = sheet('susan-bob-usage.csv').map((row) => row.slice(0, 7));
    await expect(riAllocation(usage, sheet('susan-bob-reservations.csv'))).rejects.toMatchObject({ code: '#VALUE!' });
    await expect(riAllocation(usage, sheet('susan-bob-reservations.csv'))).rejects.toHaveProperty('message', expect.stringContaining('"Quantity"'));
    const reservations = sheet('susan-bob-reservations.csv');
    reservations[1][7] = new FakeExcelError('#REF!');
    await expect(riAllocation(sheet('susan-bob-usage.csv'), reservations)).rejects.toEqual(
      new FakeExcelError('#VALUE!', 'reservations row 2, column 8 (Count) is #REF!, an error value; fix that cell first.'));
  });

  test('riAllocation loads each table once per distinct content: 3 calls with the same tables are 2 misses, 4 hits', async () => {
    tableCache.clear();
    for (let i = 0; i < 3; i += 1) await riAllocation(sheet('flex-usage.csv'), sheet('flex-reservations.csv'));
    expect([tableCache.misses, tableCache.hits]).toEqual([2, 4]);
  });

  test.each([['sp-plans-10.csv'], ['sp-plans-25.csv']])('spAllocation(AWS example, %s) equals `rerate spalloc --format json` row for row', async (plans) => {
    const cli = await cliJson(['spalloc', '--usage', fixture('sp-usage.csv'), '--plans', fixture(plans)]);
    const keys = ['covered', 'coveredCost', 'onDemand', 'onDemandCost', 'plans'];
    expect(await spAllocation(sheet('sp-usage.csv'), sheet(plans))).toEqual([
      ['Covered', 'CoveredCost', 'OnDemand', 'OnDemandCost', 'Plans'], ...cli.usage.map((u) => asSpill(u, keys)),
    ]);
  });

  test('spAllocation(AWS example, $10/h plan): the c5.9xlarge and the GB-hours covered, 3 of 10 vCPU-hours', async () => {
    expect(await spAllocation(sheet('sp-usage.csv'), sheet('sp-plans-10.csv'))).toEqual([
      ['Covered', 'CoveredCost', 'OnDemand', 'OnDemandCost', 'Plans'],
      [1, 2, 0, 0, 'sp-compute-10'],
      [0, 0, 1, 10, ''],
      [3, 3, 7, 10.5, 'sp-compute-10'],
      [5, 5, 0, 0, 'sp-compute-10'],
    ]);
  });

  test('riAllocation over 25,000 usage rows yields to Excel between chunks of 10,000 rows, and its figures add up', async () => {
    const usage: unknown[][] = [sheet('susan-bob-usage.csv')[0]];
    for (let i = 0; i < 25_000; i += 1) usage.push([`h${i % 100}`, 111111111111 + (i % 2) * 111111111111, 'm5.large', 'Linux/UNIX', 'default', 'us-east-1a', 'us-east-1', 1]);
    let ticks = 0;
    let running = true;
    const tick = () => { ticks += 1; if (running) setTimeout(tick, 0); };
    setTimeout(tick, 0);
    const result = await riAllocation(usage, sheet('susan-bob-reservations.csv'));
    running = false;
    // 2 yields converting the rows, 1 before the allocation, 2 writing the spill.
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(result).toHaveLength(25_001);
    const covered = result.slice(1).reduce((sum, row) => sum + (row[0] as number), 0);
    // 100 hours × 5 reserved instances, and every hour has 250 one-hour rows to cover.
    expect(covered).toBe(500);
  });

  test('riAllocation with a bad Quantity: like `rerate rialloc` the good rows are allocated, and the bad row shows the CLI’s message', async () => {
    const usage = [
      ['Account', 'InstanceType', 'Platform', 'AvailabilityZone', 'Quantity'],
      [111111111111, 'm5.large', 'Linux/UNIX', 'us-east-1a', 'three'],
      [111111111111, 'm5.large', 'Linux/UNIX', 'us-east-1a', 2],
    ];
    const result = await riAllocation(usage, sheet('susan-bob-reservations.csv'));
    const bad = new FakeExcelError('#VALUE!', 'Column Quantity of line 2 is "three", not a decimal number of instance-hours.');
    expect(result).toEqual([['Covered', 'OnDemand', 'Reservations'], [bad, bad, bad], [2, 0, 'r-susan']]);
  });

  test('riAllocation reads columns by header name: any order, any case and spacing, extra columns ignored', async () => {
    const usage = sheet('susan-bob-usage.csv');
    const order = [7, 6, 5, 4, 3, 2, 1, 0];
    const shuffled = usage.map((row, index) => [...order.map((column) => row[column]), index === 0 ? 'Note' : 'ignored']);
    shuffled[0] = shuffled[0].map((name) => (name === 'InstanceType' ? ' instance type ' : name === 'Quantity' ? 'QUANTITY' : name));
    expect(await riAllocation(shuffled, sheet('susan-bob-reservations.csv'))).toEqual([
      ['Covered', 'OnDemand', 'Reservations'], [3, 0, 'r-susan'], [2, 4, 'r-susan'],
    ]);
  });
});
