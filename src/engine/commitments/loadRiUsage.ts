import { IssueLog, type WithIssues } from '../issues';
import type { TableRows } from '../table';
import { findColumns, isBlankRow, RowReader } from './tableCells';
import type { RiUsageRow } from './riAllocation';

const REQUIRED = ['Account', 'InstanceType', 'Platform', 'Quantity'] as const;
const OPTIONAL = ['Hour', 'Tenancy', 'AvailabilityZone', 'Region'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/**
 * The usage table of ENGINE.md §11: `Hour, Account, InstanceType, Platform, Tenancy,
 * AvailabilityZone, Region, Quantity`. Headers match case-insensitively, extra columns are
 * ignored. Hour may be absent (one bucket), Tenancy blank means default, and a row needs an
 * AvailabilityZone or a Region. Rows are numbered from 1 in table order; a bad row is reported
 * (`BAD_USAGE`, naming line, column and value) and left out, and the rows after it keep their
 * numbers, so results stay aligned with the table.
 */
export function loadRiUsage(table: TableRows): WithIssues<RiUsageRow[]> {
  const log = new IssueLog();
  const columns = findColumns<Column>(table, REQUIRED, OPTIONAL, 'usage', log);
  const rows: RiUsageRow[] = [];
  if (!columns) return { result: rows, issues: log.issues };
  table.rows.forEach((tableRow, index) => {
    if (isBlankRow(tableRow)) return;
    const read = new RowReader<Column>(table, tableRow, columns, 'BAD_USAGE', log);
    const account = read.required('Account');
    const instanceType = read.required('InstanceType');
    const platform = read.required('Platform');
    const availabilityZone = read.text('AvailabilityZone');
    const region = read.text('Region');
    if (availabilityZone === '' && region === '') {
      read.problem(null, `Usage line ${tableRow.line} has neither an AvailabilityZone nor a Region, so no reservation can match it.`, 'location');
    }
    const quantity = read.decimal('Quantity', 'instance-hours');
    if (!read.ok || !quantity) return;
    rows.push({
      row: index + 1, source: read.source, hour: read.text('Hour'), account, instanceType, platform,
      tenancy: read.text('Tenancy'), availabilityZone, region, quantity,
    });
  });
  return { result: rows, issues: log.issues };
}
