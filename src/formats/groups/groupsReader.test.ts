import { GROUPS_COLUMNS, type PricingGroup } from '../../engine';
import { readBilling } from '../readBilling';
import { bytesSource } from '../source';

const HEADER = GROUPS_COLUMNS.join(',');

/** A groups row from named cells; every other column blank. */
function row(cells: Record<string, string>): string {
  return GROUPS_COLUMNS.map((name) => cells[name] ?? '').join(',');
}

const KEY = {
  source: 'cur.csv', format: 'cur1', provider: 'AWS', payer_account: '111122223333', account: '444455556666', period: '2024-03',
  product_code: 'AmazonS3', service: 'Amazon Simple Storage Service', usage_type: 'Requests-Tier1', operation: 'PutObject',
  region: 'us-east-1', billing_entity: 'AWS', currency: 'USD',
};

async function read(text: string, wantGroups = true) {
  const groups: PricingGroup[] = [];
  const result = await readBilling(bytesSource('groups.csv', new TextEncoder().encode(text)), wantGroups ? () => undefined : null,
    wantGroups ? { onGroup: (group) => groups.push(group) } : {});
  return { ...result, groups };
}

describe('readBilling on a groups table', () => {
  test('readBilling(groups table) gives each group row as a PricingGroup and one control per source it names', async () => {
    const text = [
      HEADER,
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'usage', lines: '2', unblended: '0.005', blended: '0.006', blended_missing: '1', amortized: '0.005', list: '0.01', usage_amount: '3', first_line: '2', first_lines: '2 5' }),
      row({ rerate_groups_v1: 'control', source: 'cur.csv', format: 'cur1', lines: '3', unblended: '0.006' }),
      row({ rerate_groups_v1: 'control', source: 'cur.csv', format: 'cur1', reason: 'BAD_NUMBER', lines: '1', unblended: '0.001' }),
    ].join('\n');
    const { groups, controls, issues } = await read(text);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ source: { file: 'cur.csv', line: 2 }, kind: 'usage', commitmentOwner: null, lines: 2, blended: '0.006', blendedMissing: 1, amortizedMissing: 0, firstLines: [2, 5] });
    expect(controls).toHaveLength(1);
    expect(controls[0]).toMatchObject({ file: 'cur.csv', format: 'cur1', rowsRead: 3, rowsSkipped: 1, unblendedRead: '0.006', unblendedAccounted: '0.006' });
    // No issue rows for cur.csv: the skipped rows are reported from the control row.
    expect(issues.map((i) => [i.code, i.count])).toEqual([['BAD_NUMBER', 1]]);
    expect(issues[0].message).toContain('1 row of cur.csv was skipped by the query that wrote groups.csv (BAD_NUMBER)');
  });

  test('readBilling(groups table) reads a blank basis column as the figure the source lacked (ENGINE.md §3)', async () => {
    const text = [
      HEADER,
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'ri-covered', lines: '4', unblended: '8' }),
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'sp-negation', lines: '1', unblended: '-2' }),
    ].join('\n');
    const { groups, controls, issues } = await read(text);
    expect(issues).toEqual([]);
    expect(groups[0]).toMatchObject({ blended: '8', blendedMissing: 4, amortized: '8', amortizedMissing: 4, list: '8', listMissing: 4, usage: '0' });
    expect(groups[1]).toMatchObject({ amortized: '0', amortizedMissing: 0, list: '0', listMissing: 0 });
    // Without a control row the groups are what was read.
    expect(controls[0]).toMatchObject({ rowsRead: 5, unblendedRead: '6', unblendedAccounted: '6' });
  });

  test('readBilling(groups table) skips a bad row with a BAD_VALUE naming its column and reports a control mismatch', async () => {
    const text = [
      HEADER,
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'usage', lines: '1', unblended: '1e' }),
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'usage-ish', lines: '1', unblended: '1' }),
      row({ rerate_groups_v1: 'grope', ...KEY }),
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'usage', lines: '1', unblended: '1' }),
      row({ rerate_groups_v1: 'control', source: 'cur.csv', lines: '3', unblended: '3' }),
    ].join('\n');
    const { groups, issues } = await read(text);
    expect(groups).toHaveLength(1);
    expect(issues.map((i) => [i.code, i.source?.column])).toEqual([
      ['BAD_VALUE', 'unblended'], ['BAD_VALUE', 'kind'], ['BAD_VALUE', 'rerate_groups_v1'], ['CONTROL_TOTAL_MISMATCH', undefined],
    ]);
  });

  test('readBilling(groups table) reads UNKNOWN_KIND and BAD_ACCOUNT_ID control rows as warnings, not skipped rows', async () => {
    const text = [
      HEADER,
      row({ rerate_groups_v1: 'group', ...KEY, kind: 'fee', lines: '3', unblended: '1' }),
      row({ rerate_groups_v1: 'control', source: 'cur.csv', lines: '3', unblended: '1' }),
      row({ rerate_groups_v1: 'control', source: 'cur.csv', reason: 'UNKNOWN_KIND', lines: '2' }),
      row({ rerate_groups_v1: 'control', source: 'cur.csv', reason: 'BAD_ACCOUNT_ID', lines: '3' }),
    ].join('\n');
    const { controls, issues } = await read(text);
    expect(controls[0]).toMatchObject({ rowsRead: 3, rowsSkipped: 0 });
    expect(issues.map((i) => [i.code, i.severity, i.count])).toEqual([['BAD_VALUE', 'warning', 2], ['BAD_VALUE', 'warning', 3]]);
  });

  test('readBilling(groups table) without a required column is one MISSING_COLUMN error and gives nothing', async () => {
    const { groups, issues, controls } = await read('rerate_groups_v1,source,kind\ngroup,a.csv,usage\n');
    expect(groups).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['MISSING_COLUMN']);
    expect(controls[0]).toMatchObject({ file: 'groups.csv', rowsRead: 1, rowsSkipped: 1 });
  });

  test('readBilling(groups table) for a caller that wants lines is an error: a groups table has none', async () => {
    const text = [HEADER, row({ rerate_groups_v1: 'group', ...KEY, kind: 'usage', lines: '1', unblended: '1' })].join('\n');
    const result = await readBilling(bytesSource('groups.csv', new TextEncoder().encode(text)), () => undefined);
    expect(result.issues.map((i) => i.code)).toEqual(['UNKNOWN_FORMAT']);
    expect(result.issues[0].message).toContain('pricing groups, not billing lines');
  });

  test('readBilling(groups table) with onLine null (inspect) counts the groups per source', async () => {
    const text = [HEADER, row({ rerate_groups_v1: 'group', ...KEY, kind: 'usage', lines: '7', unblended: '1.5' })].join('\n');
    const { controls, issues } = await read(text, false);
    expect(issues).toEqual([]);
    expect(controls[0]).toMatchObject({ file: 'cur.csv', linesEmitted: 7, unblendedByKind: expect.objectContaining({ usage: '1.5' }), accounts: ['444455556666'] });
  });
});
