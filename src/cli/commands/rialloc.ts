import { parseArgs } from 'node:util';
import type { Issue } from '../../engine/issues';
import { formatDecimal } from '../../engine/money';
import { allocateReservations, loadReservations, loadRiUsage, type RiAllocation } from '../../engine/commitments';
import { EXIT_ISSUES, exitCodeFor, printIssues, UsageError, type CliIo } from '../io';
import type { Command } from '../main';
import { accountList, allocationFormat } from './commitmentTables';
import { loadTableFile } from '../loadTable';
import { renderSections, writeOutput } from '../writeOutput';

const USAGE = `usage: rerate rialloc --usage F --reservations F [--no-sharing ACCT,ACCT] [--format json|table|csv] [--out F]

Allocates Reserved Instances to usage as AWS does (ENGINE.md §11): per Hour bucket, zonal RIs to
their owner, then to other accounts in the AZ, then regional RIs (size-flexible for Linux/UNIX
default tenancy) to their owner, then to other accounts.

  --usage F          CSV: Hour, Account, InstanceType, Platform, Tenancy, AvailabilityZone, Region, Quantity
  --reservations F   CSV: Reservation, Owner, InstanceType, Platform, Tenancy, Scope, Location, Count, Hours
  --no-sharing IDS   accounts whose RI sharing is off (comma-separated)
  --format FORMAT    json, table or csv (default table); quantities in instance-hours
  --out F            write the result to F instead of stdout`;

/** The JSON of PRODUCT.md: rows numbered from 1 in input order, quantities as plain decimal text. */
export function riAllocationJson(allocation: RiAllocation) {
  return {
    usage: allocation.usage.map((u) => ({
      row: u.row, covered: formatDecimal(u.covered), onDemand: formatDecimal(u.onDemand), reservations: u.reservations,
    })),
    reservations: allocation.reservations.map((r) => ({
      reservation: r.reservation, used: formatDecimal(r.used), unused: formatDecimal(r.unused),
    })),
  };
}

export const riallocCommand: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        usage: { type: 'string' },
        reservations: { type: 'string' },
        'no-sharing': { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
      },
      strict: true,
    });
    if (!values.usage) throw new UsageError('--usage F is required');
    if (!values.reservations) throw new UsageError('--reservations F is required');
    const format = allocationFormat(values.format);

    const issues: Issue[] = [];
    const usage = await loadTableFile(values.usage, loadRiUsage, issues);
    const reservations = await loadTableFile(values.reservations, loadReservations, issues);
    if (!usage || !reservations) {
      printIssues(io, issues);
      return EXIT_ISSUES;
    }
    const allocated = allocateReservations(usage, reservations, { noSharingAccounts: accountList(values['no-sharing']) });
    issues.push(...allocated.issues);

    const json = riAllocationJson(allocated.result);
    const text = format === 'json'
      ? `${JSON.stringify(json, null, 2)}\n`
      : renderSections(format, [
        {
          header: ['row', 'covered', 'onDemand', 'reservations'], numeric: [0, 1, 2],
          rows: json.usage.map((u) => [String(u.row), u.covered, u.onDemand, u.reservations.join(format === 'csv' ? ';' : ', ')]),
        },
        {
          header: ['reservation', 'used', 'unused'], numeric: [1, 2],
          rows: json.reservations.map((r) => [r.reservation, r.used, r.unused]),
        },
      ]);
    writeOutput(io, text, values.out);
    printIssues(io, issues);
    return exitCodeFor(issues);
  },
};
