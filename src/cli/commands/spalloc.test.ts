import * as path from 'node:path';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../main';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/commitments');
const fixture = (name: string) => path.join(FIXTURES, name);


describe('rerate spalloc', () => {
  test('main(["spalloc", AWS example, $10/h plan]) covers the GB-h, the c5.9xlarge and 3 vCPU-h: the hour costs 30.50', async () => {
    const io = captureIo();
    const code = await main(['spalloc', '--usage', fixture('sp-usage.csv'), '--plans', fixture('sp-plans-10.csv'), '--format', 'json'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toEqual({
      usage: [
        { row: 1, covered: '1', coveredFraction: '1', coveredCost: '2', onDemand: '0', onDemandCost: '0', plans: ['sp-compute-10'] },
        { row: 2, covered: '0', coveredFraction: '0', coveredCost: '0', onDemand: '1', onDemandCost: '10', plans: [] },
        { row: 3, covered: '3', coveredFraction: '0.3', coveredCost: '3', onDemand: '7', onDemandCost: '10.5', plans: ['sp-compute-10'] },
        { row: 4, covered: '5', coveredFraction: '1', coveredCost: '5', onDemand: '0', onDemandCost: '0', plans: ['sp-compute-10'] },
      ],
      plans: [{ plan: 'sp-compute-10', used: '10', unused: '0' }],
      totals: { onDemandCost: '39', commitment: '10', uncoveredCost: '20.5', cost: '30.5' },
    });
  });

  test('main(["spalloc", AWS example, $25/h plan, "--format", "csv"]) covers everything: the hour costs 25.00', async () => {
    const io = captureIo();
    const code = await main(['spalloc', '--usage', fixture('sp-usage.csv'), '--plans', fixture('sp-plans-25.csv'), '--format', 'csv'], io);
    expect(code).toBe(0);
    const sections = io.out.split('\r\n\r\n');
    expect(sections[1]).toBe('plan,used,unused\r\nsp-compute-25,25,0');
    expect(sections[2]).toBe('onDemandCost,commitment,uncoveredCost,cost\r\n39,25,0,25\r\n');
  });

  test('main(["spalloc", "--format", "xml"]) exits 2 naming the format', async () => {
    const io = captureIo();
    expect(await main(['spalloc', '--usage', fixture('sp-usage.csv'), '--plans', fixture('sp-plans-25.csv'), '--format', 'xml'], io)).toBe(2);
    expect(io.err).toContain('--format must be json, table or csv, not "xml"');
  });
});
