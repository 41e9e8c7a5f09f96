import { formatDecimal } from '../../engine/money';
import { allocateReservations, loadReservations, loadRiUsage, type RiAllocation } from '../../engine/commitments';
import type { CliIo, Command } from '../io';
import { runAllocation } from './commitmentTables';

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
  run: (args: string[], io: CliIo) => runAllocation(args, io, {
    command: 'rialloc',
    tableFlag: 'reservations',
    loadUsage: loadRiUsage,
    loadCommitments: loadReservations,
    allocate: allocateReservations,
    toJson: riAllocationJson,
    sections: (json, separator) => [
      {
        header: ['row', 'covered', 'onDemand', 'reservations'], numeric: [0, 1, 2],
        rows: json.usage.map((u) => [String(u.row), u.covered, u.onDemand, u.reservations.join(separator)]),
      },
      {
        header: ['reservation', 'used', 'unused'], numeric: [1, 2],
        rows: json.reservations.map((r) => [r.reservation, r.used, r.unused]),
      },
    ],
  }),
};
