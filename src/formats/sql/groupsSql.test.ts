import { GROUPS_COLUMNS } from '../../engine/groups/groupsTable';
import { CUR_LINE_ITEM_KINDS } from '../cur/curKind';
import { FOCUS_COLUMNS } from '../focus/focusColumns';
import { FOCUS_CATEGORY_KINDS } from '../focus/focusKind';
import { groupsSql } from './groupsSql';

describe('groupsSql', () => {
  test('groupsSql(athena) uses only Trino functions and reads the table with its "$path" as source', () => {
    const sql = groupsSql({ dialect: 'athena', format: 'cur2', from: 'cur.cur_table' });
    for (const duckdbOnly of ['regexp_matches', 'json_extract', 'array_to_string', 'read_csv', 'file_row_number', 'row_number']) expect(sql).not.toContain(duckdbOnly);
    expect(sql).toContain('regexp_like(');
    expect(sql).toContain('FROM cur.cur_table');
    expect(sql).toContain('"$path" AS src');
    expect(sql).toContain('element_at("product", \'product_name\')');
    expect(sql).toContain('"line_item_unblended_cost"');
  });

  test('groupsSql maps every line item type of the reader\'s table and writes every groups column', () => {
    const sql = groupsSql({ dialect: 'duckdb', format: 'cur1', from: 't', source: 'a.csv' });
    for (const type of Object.keys(CUR_LINE_ITEM_KINDS)) expect(sql).toContain(`t_type = '${type}'`);
    for (const column of GROUPS_COLUMNS) expect(sql).toContain(` AS ${column}`);
    expect(sql).toContain("'a.csv' AS src");
    expect(sql).toContain('"lineItem/LineItemType"');
  });

  test('groupsSql with a column list reads absent columns as null and picks the first alternative present', () => {
    const sql = groupsSql({ dialect: 'trino', format: 'cur2', from: 't', columns: [{ name: 'LINE_ITEM_UNBLENDED_COST' }, { name: 'reservation_reservation_arn' }] });
    expect(sql).toContain('"LINE_ITEM_UNBLENDED_COST"');
    expect(sql).toContain('"reservation_reservation_arn"');
    expect(sql).not.toContain('"line_item_blended_cost"');
  });

  test('groupsSql(focus) reads the FOCUS columns by their first names, the provider as a key column, and every charge category of the reader', () => {
    const sql = groupsSql({ dialect: 'athena', format: 'focus', from: 'focus_table' });
    for (const duckdbOnly of ['regexp_matches', 'json_', 'array_to_string', 'read_csv', 'file_row_number', 'row_number']) expect(sql).not.toContain(duckdbOnly);
    // Not read: what pricing never uses, and Tags (a MAP in Athena: nothing to check).
    const unread = new Set(['zone', 'resource', 'description', 'invoice', 'tags']);
    for (const [field, names] of Object.entries(FOCUS_COLUMNS)) expect(sql.includes(`"${names[0]}"`)).toBe(!unread.has(field));
    for (const category of Object.keys(FOCUS_CATEGORY_KINDS)) expect(sql).toContain(`WHEN '${category}'`);
    expect(sql).toContain("'focus' AS format");
    expect(sql).toContain('THEN CAST(provider AS VARCHAR) END AS provider');
    expect(sql).not.toContain('"ServiceProviderName"');
  });

  test('groupsSql(focus) with a column list takes the provider from ServiceProviderName when ProviderName is absent, and no Tags check without Tags', () => {
    const sql = groupsSql({ dialect: 'duckdb', format: 'focus', from: 't', source: 'f.csv', columns: [{ name: 'BilledCost' }, { name: 'serviceprovidername' }] });
    expect(sql).toContain('"serviceprovidername"');
    expect(sql).not.toContain('"EffectiveCost"');
    expect(sql).not.toContain('json_valid');
  });
});
