import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../main';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/commitments');
const fixture = (name: string) => path.join(FIXTURES, name);


describe('rerate rialloc', () => {
  test('main(["rialloc", Susan & Bob, "--format", "json"]) prints PRODUCT.md\'s JSON: Susan 3, Bob 2 covered, 4 on demand', async () => {
    const io = captureIo();
    const code = await main(['rialloc', '--usage', fixture('susan-bob-usage.csv'), '--reservations', fixture('susan-bob-reservations.csv'), '--format', 'json'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toEqual({
      usage: [
        { row: 1, covered: '3', onDemand: '0', reservations: ['r-susan'] },
        { row: 2, covered: '2', onDemand: '4', reservations: ['r-susan'] },
      ],
      reservations: [{ reservation: 'r-susan', used: '5', unused: '0' }],
    });
  });

  test('main(["rialloc", …, "--no-sharing", Bob]) leaves Bob 6 on demand and 2 RI hours unused', async () => {
    const io = captureIo();
    const code = await main(['rialloc', '--usage', fixture('susan-bob-usage.csv'), '--reservations', fixture('susan-bob-reservations.csv'),
      '--no-sharing', '222222222222', '--format', 'json'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.out);
    expect(json.usage.map((u: { covered: string; onDemand: string }) => [u.covered, u.onDemand])).toEqual([['3', '0'], ['0', '6']]);
    expect(json.reservations).toEqual([{ reservation: 'r-susan', used: '3', unused: '2' }]);
  });

  test('main(["rialloc", size-flexible examples]) covers both m3.large and one m3.xlarge, and half the c4.xlarge hour', async () => {
    const io = captureIo();
    const code = await main(['rialloc', '--usage', fixture('flex-usage.csv'), '--reservations', fixture('flex-reservations.csv'), '--format', 'json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toEqual({
      usage: [
        { row: 1, covered: '1', onDemand: '0', reservations: ['r-m3'] },
        { row: 2, covered: '1', onDemand: '0', reservations: ['r-m3'] },
        { row: 3, covered: '1', onDemand: '0', reservations: ['r-m3'] },
        { row: 4, covered: '0', onDemand: '1', reservations: [] },
        { row: 5, covered: '0.5', onDemand: '0.5', reservations: ['r-c4'] },
      ],
      // Two buckets (h1, h2): each RI offers 2 instance-hours, uses 1.
      reservations: [{ reservation: 'r-m3', used: '1', unused: '1' }, { reservation: 'r-c4', used: '1', unused: '1' }],
    });
  });

  test('main(["rialloc", …]) prints a table by default and CSV sections with --format csv', async () => {
    const args = ['rialloc', '--usage', fixture('susan-bob-usage.csv'), '--reservations', fixture('susan-bob-reservations.csv')];
    const table = captureIo();
    expect(await main(args, table)).toBe(0);
    expect(table.out).toBe([
      'row  covered  onDemand  reservations',
      '---  -------  --------  ------------',
      '  1        3         0  r-susan',
      '  2        2         4  r-susan',
      '',
      'reservation  used  unused',
      '-----------  ----  ------',
      'r-susan         5       0',
      '',
    ].join('\n'));
    const csv = captureIo();
    expect(await main([...args, '--format', 'csv'], csv)).toBe(0);
    expect(csv.out).toBe('row,covered,onDemand,reservations\r\n1,3,0,r-susan\r\n2,2,4,r-susan\r\n\r\nreservation,used,unused\r\nr-susan,5,0\r\n');
  });

  test('main(["rialloc", …, "--out", F]) writes the result to F and nothing to stdout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rialloc-'));
    const io = { ...captureIo(), cwd: dir };
    let out = '';
    io.stdout = (text: string) => { out += text; };
    const code = await main(['rialloc', '--usage', fixture('susan-bob-usage.csv'), '--reservations', fixture('susan-bob-reservations.csv'),
      '--format', 'json', '--out', 'result.json'], io);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'result.json'), 'utf8')).reservations).toEqual([{ reservation: 'r-susan', used: '5', unused: '0' }]);
  });

  test('main(["rialloc", bad rows]) still allocates the good rows, prints file:line: CODE on stderr and exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rialloc-'));
    const usage = path.join(dir, 'usage.csv');
    fs.writeFileSync(usage, 'Account,InstanceType,Platform,AvailabilityZone,Quantity\n111111111111,m5.large,Linux/UNIX,us-east-1a,three\n111111111111,m5.large,Linux/UNIX,us-east-1a,2\n');
    const io = captureIo();
    const code = await main(['rialloc', '--usage', usage, '--reservations', fixture('susan-bob-reservations.csv'), '--format', 'json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.out).usage).toEqual([{ row: 2, covered: '2', onDemand: '0', reservations: ['r-susan'] }]);
    expect(io.err).toBe(`${usage}:2: BAD_USAGE Column Quantity of line 2 is "three", not a decimal number of instance-hours.\n`);
  });

  test('main(["rialloc"]) without --reservations exits 2 with the usage; a missing file exits 1 naming it', async () => {
    const io = captureIo();
    expect(await main(['rialloc', '--usage', fixture('susan-bob-usage.csv')], io)).toBe(2);
    expect(io.err).toContain('--reservations F is required');
    const missing = captureIo();
    expect(await main(['rialloc', '--usage', fixture('nope.csv'), '--reservations', fixture('susan-bob-reservations.csv')], missing)).toBe(1);
    expect(missing.out).toBe('');
    expect(missing.err).toContain('UNREADABLE_FILE');
    expect(missing.err).toContain('nope.csv');
  });

  test('main(["rialloc", reservation id holding ESC [2J and a newline, "--format", "table"]) shows them escaped, never raw', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-rialloc-'));
    const reservations = path.join(dir, 'reservations.csv');
    fs.writeFileSync(reservations, 'Reservation,Owner,InstanceType,Platform,Tenancy,Scope,Location,Count,Hours\n"r-\u001b[2J\nx",111111111111,m5.large,Linux/UNIX,default,zonal,us-east-1a,5,1\n');
    const io = captureIo();
    const code = await main(['rialloc', '--usage', fixture('susan-bob-usage.csv'), '--reservations', reservations, '--format', 'table'], io);
    expect(code).toBe(0);
    expect(io.out).toContain('r-\\x1b[2J\\nx');
    expect(io.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

