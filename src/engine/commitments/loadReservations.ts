import { ONE } from '../money';
import { IssueLog, type WithIssues } from '../issues';
import type { TableRows } from '../table';
import { regionOfZone } from './canonical';
import { findColumns, isBlankRow, RowReader } from './tableCells';
import type { Reservation, ReservationScope } from './riAllocation';

const REQUIRED = ['Reservation', 'Owner', 'InstanceType', 'Platform', 'Scope', 'Location', 'Count'] as const;
const OPTIONAL = ['Tenancy', 'Hours'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** Scope as the table may write it: the engine's words and the RI console's. */
const SCOPES: Record<string, ReservationScope> = {
  zonal: 'zonal', 'availability zone': 'zonal', az: 'zonal', zone: 'zonal',
  regional: 'regional', region: 'regional',
};

const REGION = /^[a-z]{2}(?:-gov)?-[a-z]+-\d+$/;

/**
 * The reservations table of ENGINE.md §11: `Reservation, Owner, InstanceType, Platform,
 * Tenancy, Scope, Location, Count, Hours`. Count is a whole number of instances ≥ 1; Hours (per
 * bucket) defaults to 1; Tenancy blank means default. A zonal reservation needs an AZ as Location
 * and a regional one a region. A bad row or a repeated Reservation id is reported
 * (`BAD_RESERVATION`) and left out.
 */
export function loadReservations(table: TableRows): WithIssues<Reservation[]> {
  const log = new IssueLog();
  const columns = findColumns<Column>(table, REQUIRED, OPTIONAL, 'reservations', log);
  const reservations: Reservation[] = [];
  if (!columns) return { result: reservations, issues: log.issues };
  const seen = new Map<string, number>();
  for (const tableRow of table.rows) {
    if (isBlankRow(tableRow)) continue;
    const read = new RowReader<Column>(table, tableRow, columns, 'BAD_RESERVATION', log);
    const reservation = read.required('Reservation');
    const owner = read.required('Owner');
    const instanceType = read.required('InstanceType');
    const platform = read.required('Platform');
    const scopeText = read.required('Scope');
    const location = read.required('Location');
    const count = read.decimal('Count', 'reserved instances', { positive: true, whole: true });
    const hours = read.decimal('Hours', 'hours per bucket', { positive: true, fallback: ONE });
    const scope = SCOPES[scopeText.toLowerCase()];
    if (scopeText !== '' && !scope) {
      read.problem('Scope', `Column Scope of line ${tableRow.line} is "${scopeText}", not zonal or regional.`, 'scope');
    }
    const zone = regionOfZone(location) !== null;
    if (scope === 'zonal' && REGION.test(location.toLowerCase())) {
      read.problem('Location', `Reservation "${reservation}" on line ${tableRow.line} is zonal but its Location "${location}" is a region, not an Availability Zone.`, 'zonal-location');
    } else if (scope === 'regional' && zone) {
      read.problem('Location', `Reservation "${reservation}" on line ${tableRow.line} is regional but its Location "${location}" is an Availability Zone, not a region.`, 'regional-location');
    }
    const firstLine = seen.get(reservation);
    if (reservation !== '' && firstLine !== undefined) {
      read.problem('Reservation', `Reservation "${reservation}" on line ${tableRow.line} repeats the id of line ${firstLine}, so it is left out.`);
    }
    if (!read.ok || !count || !hours || !scope) continue;
    seen.set(reservation, tableRow.line);
    reservations.push({
      reservation, owner, instanceType, platform, tenancy: read.text('Tenancy'), scope, location, count, hours,
      source: read.source,
    });
  }
  return { result: reservations, issues: log.issues };
}
