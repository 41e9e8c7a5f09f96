import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/rerate.js');

/**
 * The real worker thread, through the compiled CLI (`npm run build:cli` makes it; CI builds
 * before testing, and this suite builds it when it is missing). A preloaded hook counts the worker
 * threads started, so the test knows the split was taken rather than inferring it.
 */
describe('rerate invoice on two threads (compiled CLI, real worker thread)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rerate-worker-'));
  const hook = path.join(dir, 'count-workers.js');

  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/node/cli/invoiceWorker.js'))) execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
    writeFileSync(hook, `const threads = require('node:worker_threads');
const Real = threads.Worker;
threads.Worker = class extends Real { constructor(...args) { super(...args); process.stderr.write('[worker started]\\n'); } };
`);
    const header = 'identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost,product/ProductName';
    const rows = [header];
    for (let i = 0; i < 3000; i += 1) {
      const cost = i === 2500 ? 'oops' : `0.${String((i * 7919) % 1000).padStart(3, '0')}7`;
      rows.push(`r${i},999999999999,2024-05-01T00:00:00Z,${['111111111111', '222222222222'][i % 2]},Usage,2024-05-02T00:00:00Z,AmazonS3,Requests-Tier${i % 3},${cost},Amazon Simple Storage Service`);
    }
    writeFileSync(path.join(dir, 'cur.csv'), `${rows.join('\n')}\n`);
    writeFileSync(path.join(dir, 'pricebook.csv'), 'Rule,ProductCode,Method,Value\ns3,AmazonS3,markup,10%\n');
  });

  function rerate(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const child = spawnSync(process.execPath, ['--require', hook, BIN, 'invoice', 'cur.csv', '--pricebook', 'pricebook.csv', '--format', 'json'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, ...env },
    });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
  }

  it('RERATE_THREADS=2 splits a file over RERATE_SPLIT_MIN_BYTES between two worker threads, with output identical to RERATE_THREADS=1', () => {
    const two = rerate({ RERATE_SPLIT_MIN_BYTES: '1000', RERATE_THREADS: '2' });
    const one = rerate({ RERATE_THREADS: '1' });
    expect(two.stderr.match(/\[worker started\]/g)).toHaveLength(2);
    expect(one.stderr).not.toContain('[worker started]');
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.replace(/\[worker started\]\n/g, '')).toBe(one.stderr);
    const json = JSON.parse(two.stdout) as { issues: { code: string; source?: { line: number } }[]; controls: { rowsRead: number; rowsSkipped: number }[] };
    expect(json.controls[0]).toMatchObject({ rowsRead: 3000, rowsSkipped: 1 });
    expect(json.issues.find((i) => i.code === 'BAD_NUMBER')?.source?.line).toBe(2502);
  });
});
