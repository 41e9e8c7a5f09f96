import * as path from 'node:path';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../main';
import { ExactSum } from '../../engine/money';

const DEMO = path.resolve(__dirname, '../../../samples/demo');
const file = (name: string) => path.join(DEMO, name);

/** Exact text without trailing fractional zeros, so equal sums compare equal as strings. */
function plain(sum: ExactSum): string {
  const text = sum.toText();
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

interface WalkJson {
  customer: string; period: string; complete: boolean;
  steps: { step: string; amount: string; currency: string; subtotal: boolean }[];
}

describe('rerate reconcile', () => {
  it('main(["reconcile", demo, "--format", "json"]) gives walks whose steps sum exactly from AWS blended to invoiced', async () => {
    const io = captureIo();
    const code = await main(['reconcile', file('cur-2023-10-11.csv'), '--pricebook', file('pricebook.csv'),
      '--customers', file('customers.csv'), '--fx', file('fx.csv'), '--format', 'json'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.out) as { walks: WalkJson[]; controls: { unblendedRead: string; unblendedAccounted: string }[] };
    expect(json.walks).toHaveLength(6);
    for (const walk of json.walks) {
      // Sums with ExactSum: a margin's 40-digit quotient plus a whole amount needs more than 40 digits.
      const names = walk.steps.map((s) => s.step);
      const walkTo = (from: string, to: string) => {
        const sum = new ExactSum();
        for (const s of walk.steps.slice(names.indexOf(from), names.indexOf(to))) sum.add(s.amount);
        return plain(sum);
      };
      const amount = (step: string) => {
        const sum = new ExactSum();
        sum.add(walk.steps[names.indexOf(step)].amount);
        return plain(sum);
      };
      expect(walkTo('awsBlended', 'awsUnblended')).toBe(amount('awsUnblended'));
      expect(walkTo('awsUnblended', 'preFx')).toBe(amount('preFx'));
      expect(walkTo('preFx', 'invoiced')).toBe(amount('invoiced'));
    }
    const acmeOct = json.walks.find((w) => w.customer === 'Acme Ltd' && w.period === '2023-10');
    expect(acmeOct?.steps.find((s) => s.step === 'invoiced')).toEqual({ step: 'invoiced', amount: '238.6500000000', currency: 'GBP', subtotal: true });
    expect(json.controls[0].unblendedRead).toBe(json.controls[0].unblendedAccounted);
  });

  it('main(["reconcile", …]) prints the walks and a control-total table by default', async () => {
    const io = captureIo();
    expect(await main(['reconcile', file('cur-2023-10-11.csv')], io)).toBe(0);
    expect(io.out).toContain('= awsBlended');
    expect(io.out).toContain('Control totals');
    expect(io.out).toMatch(/cur1\s+42\s+42\s+0/);
  });
});
