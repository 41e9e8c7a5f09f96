import { IssueLog, type WithIssues } from '../issues';
import type { TableRows } from '../table';
import { findColumns, isBlankRow, RowReader } from './tableCells';
import type { SpUsageRow } from './spAllocation';

const REQUIRED = ['Account', 'Quantity', 'OnDemandRate'] as const;
const OPTIONAL = ['Hour', 'Usage', 'InstanceFamily', 'Region', 'SpRate', 'InstanceSpRate'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/**
 * The Savings Plans usage table: `Hour, Account, Usage, InstanceFamily, Region, Quantity,
 * OnDemandRate, SpRate, InstanceSpRate` (rates in dollars per unit of Quantity). SpRate blank:
 * no Compute plan covers the row; InstanceSpRate blank: the same as SpRate; InstanceFamily blank:
 * no EC2 Instance plan covers it. A row with a family needs a Region. Bad rows are reported
 * (`BAD_USAGE`) and left out; rows keep their numbers from 1 in table order.
 */
export function loadSpUsage(table: TableRows): WithIssues<SpUsageRow[]> {
  const log = new IssueLog();
  const columns = findColumns<Column>(table, REQUIRED, OPTIONAL, 'Savings Plans usage', log);
  const rows: SpUsageRow[] = [];
  if (!columns) return { result: rows, issues: log.issues };
  table.rows.forEach((tableRow, index) => {
    if (isBlankRow(tableRow)) return;
    const read = new RowReader<Column>(table, tableRow, columns, 'BAD_USAGE', log);
    const account = read.required('Account');
    const instanceFamily = read.text('InstanceFamily');
    const region = instanceFamily === '' ? read.text('Region') : read.required('Region');
    const quantity = read.decimal('Quantity', 'units');
    const onDemandRate = read.decimal('OnDemandRate', 'dollars per unit');
    const spRate = read.decimal('SpRate', 'dollars per unit', { fallback: null });
    const instanceSpRate = read.decimal('InstanceSpRate', 'dollars per unit', { fallback: null });
    if (!read.ok || !quantity || !onDemandRate) return;
    if (spRate === null && (instanceFamily === '' || instanceSpRate === null)) {
      log.add({
        code: 'BAD_USAGE', severity: 'warning', source: read.source,
        message: `Usage line ${tableRow.line} ("${read.text('Usage')}") has no Savings Plan rate, so it stays on demand.`,
      }, `BAD_USAGE\u0000${table.source}\u0000no-rate`);
    }
    rows.push({
      row: index + 1, source: read.source, hour: read.text('Hour'), account, usage: read.text('Usage'),
      instanceFamily, region, quantity, onDemandRate, spRate, instanceSpRate,
    });
  });
  return { result: rows, issues: log.issues };
}
