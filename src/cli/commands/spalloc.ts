import { formatDecimal } from '../../engine/money';
import { allocateSavingsPlans, loadSavingsPlans, loadSpUsage, type SpAllocation } from '../../engine/commitments';
import type { CliIo, Command } from '../io';
import { runAllocation } from './commitmentTables';

const USAGE = `usage: rerate spalloc --usage F --plans F [--no-sharing ACCT,ACCT] [--format json|table|csv] [--out F]

Applies Savings Plans to usage as AWS does (ENGINE.md §12): per Hour bucket, EC2 Instance plans
before Compute plans, the owner's usage before other accounts', the highest savings first.

  --usage F        CSV: Hour, Account, Usage, InstanceFamily, Region, Quantity, OnDemandRate, SpRate,
                   InstanceSpRate (rates in dollars per unit of Quantity)
  --plans F        CSV: Plan, Owner, Type (compute|ec2-instance), Commitment ($/hour), Hours,
                   InstanceFamily, Region
  --no-sharing IDS accounts whose Savings Plans sharing is off (comma-separated)
  --format FORMAT  json, table or csv (default table)
  --out F          write the result to F instead of stdout`;

/** Quantities and dollars as plain decimal text, exact (never rounded). */
export function spAllocationJson(allocation: SpAllocation) {
  const { totals } = allocation;
  return {
    usage: allocation.usage.map((u) => ({
      row: u.row,
      covered: formatDecimal(u.coveredQuantity),
      coveredFraction: formatDecimal(u.coveredFraction),
      coveredCost: formatDecimal(u.coveredCost),
      onDemand: formatDecimal(u.onDemandQuantity),
      onDemandCost: formatDecimal(u.onDemandCost),
      plans: u.plans,
    })),
    plans: allocation.plans.map((p) => ({ plan: p.plan, used: formatDecimal(p.used), unused: formatDecimal(p.unused) })),
    totals: {
      onDemandCost: formatDecimal(totals.onDemandCost),
      commitment: formatDecimal(totals.commitment),
      uncoveredCost: formatDecimal(totals.uncoveredCost),
      cost: formatDecimal(totals.cost),
    },
  };
}

export const spallocCommand: Command = {
  usage: USAGE,
  run: (args: string[], io: CliIo) => runAllocation(args, io, {
    command: 'spalloc',
    tableFlag: 'plans',
    loadUsage: loadSpUsage,
    loadCommitments: loadSavingsPlans,
    allocate: allocateSavingsPlans,
    toJson: spAllocationJson,
    sections: (json, separator) => [
      {
        header: ['row', 'covered', 'coveredFraction', 'coveredCost', 'onDemand', 'onDemandCost', 'plans'], numeric: [0, 1, 2, 3, 4, 5],
        rows: json.usage.map((u) => [String(u.row), u.covered, u.coveredFraction, u.coveredCost, u.onDemand, u.onDemandCost, u.plans.join(separator)]),
      },
      { header: ['plan', 'used', 'unused'], numeric: [1, 2], rows: json.plans.map((q) => [q.plan, q.used, q.unused]) },
      {
        header: ['onDemandCost', 'commitment', 'uncoveredCost', 'cost'], numeric: [0, 1, 2, 3],
        rows: [[json.totals.onDemandCost, json.totals.commitment, json.totals.uncoveredCost, json.totals.cost]],
      },
    ],
  }),
};
