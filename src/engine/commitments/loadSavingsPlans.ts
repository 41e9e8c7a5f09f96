import { ONE } from '../money';
import { IssueLog, type WithIssues } from '../issues';
import type { TableRows } from '../table';
import { findColumns, isBlankRow, RowReader } from './tableCells';
import type { SavingsPlan, SavingsPlanType } from './spAllocation';

const REQUIRED = ['Plan', 'Owner', 'Type', 'Commitment'] as const;
const OPTIONAL = ['Hours', 'InstanceFamily', 'Region'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** Type as the table may write it: `compute`, `ec2-instance`, or AWS's `EC2 Instance`. */
function planType(text: string): SavingsPlanType | null {
  const word = text.toLowerCase().replace(/[\s_-]/g, '');
  if (word === 'compute' || word === 'computesavingsplans') return 'compute';
  if (word === 'ec2instance' || word === 'ec2instancesavingsplans') return 'ec2-instance';
  return null;
}

/**
 * The Savings Plans table: `Plan, Owner, Type, Commitment, Hours, InstanceFamily, Region`.
 * Commitment is dollars per hour; Hours per bucket defaults to 1; an EC2 Instance plan needs its
 * InstanceFamily and Region. Bad rows and repeated Plan ids are reported (`BAD_PLAN`) and left out.
 */
export function loadSavingsPlans(table: TableRows): WithIssues<SavingsPlan[]> {
  const log = new IssueLog();
  const columns = findColumns<Column>(table, REQUIRED, OPTIONAL, 'Savings Plans', log);
  const plans: SavingsPlan[] = [];
  if (!columns) return { result: plans, issues: log.issues };
  const seen = new Map<string, number>();
  for (const tableRow of table.rows) {
    if (isBlankRow(tableRow)) continue;
    const read = new RowReader<Column>(table, tableRow, columns, 'BAD_PLAN', log);
    const plan = read.required('Plan');
    const owner = read.required('Owner');
    const typeText = read.required('Type');
    const type = planType(typeText);
    if (typeText !== '' && !type) {
      read.problem('Type', `Column Type of line ${tableRow.line} is "${typeText}", not compute or ec2-instance.`, 'type');
    }
    const commitment = read.decimal('Commitment', 'dollars per hour');
    const hours = read.decimal('Hours', 'hours per bucket', { positive: true, fallback: ONE });
    const instanceFamily = type === 'ec2-instance' ? read.required('InstanceFamily') : read.text('InstanceFamily');
    const region = type === 'ec2-instance' ? read.required('Region') : read.text('Region');
    const firstLine = seen.get(plan);
    if (plan !== '' && firstLine !== undefined) {
      read.problem('Plan', `Savings Plan "${plan}" on line ${tableRow.line} repeats the id of line ${firstLine}, so it is left out.`);
    }
    if (!read.ok || !type || !commitment || !hours) continue;
    seen.set(plan, tableRow.line);
    plans.push({
      plan, owner, type, commitment, hours,
      instanceFamily: type === 'compute' ? '' : instanceFamily,
      region: type === 'compute' ? '' : region,
      source: read.source,
    });
  }
  return { result: plans, issues: log.issues };
}
