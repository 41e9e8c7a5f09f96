import type { IssueLog } from '../../engine/issues';
import { parseDecimal, formatDecimal } from '../../engine/money';
import type { ControlCheck } from '../fileControl';
import { DecimalTotal } from '../../engine/money';

/**
 * The control totals of a DBR: Σ of the non-total rows (LineItem, Rounding, Discount…) must equal
 * the StatementTotal, each InvoiceTotal (rows of that InvoiceID) and each AccountTotal (rows of
 * that account on that invoice; on every invoice when the AccountTotal row names none), for
 * unblended and blended cost, to the last decimal.
 *
 * Worked example: LineItems 10.004 + 5.001 for account A, a Rounding row −0.005 for A, and an
 * AccountTotal of 15.00 for A: 10.004 + 5.001 − 0.005 = 15.000 = 15.00, so the check is ok. Had the
 * AccountTotal said 15.01, the check fails with difference −0.01 and the reader reports
 * `CONTROL_TOTAL_MISMATCH` naming both figures and the line of the AccountTotal row.
 */

interface GroupSums {
  invoice: string;
  account: string;
  unblended: DecimalTotal;
  blended: DecimalTotal;
}

interface TotalRow {
  scope: ControlCheck['scope'];
  recordType: string;
  invoice: string;
  account: string;
  line: number;
  unblended: string | null;
  blended: string | null;
}

export class DbrTotals {
  private readonly groups = new Map<string, GroupSums>();
  private readonly totals: TotalRow[] = [];
  private last: GroupSums | null = null;

  /** `withBlended`: false for a standalone account's DBR, whose single Cost is both. */
  constructor(private readonly withBlended: boolean) {}

  /** A non-total row's costs (valid decimal text or null). */
  addRow(invoice: string, account: string, unblended: string | null, blended: string | null): void {
    let group = this.last;
    if (group === null || group.invoice !== invoice || group.account !== account) {
      const key = `${invoice}\u0000${account}`;
      group = this.groups.get(key) ?? null;
      if (group === null) {
        group = { invoice, account, unblended: new DecimalTotal(), blended: new DecimalTotal() };
        this.groups.set(key, group);
      }
      this.last = group;
    }
    if (unblended !== null) group.unblended.add(unblended);
    if (blended !== null && this.withBlended) group.blended.add(blended);
  }

  /** A StatementTotal, InvoiceTotal or AccountTotal row. */
  addTotal(recordType: string, invoice: string, account: string, line: number, unblended: string | null, blended: string | null): void {
    const scope = recordType === 'StatementTotal' ? 'statement' : recordType === 'InvoiceTotal' ? 'invoice' : 'account';
    this.totals.push({ scope, recordType, invoice, account, line, unblended, blended });
  }

  /** The checks, in file order of the total rows; a failed one adds `CONTROL_TOTAL_MISMATCH`. */
  finish(file: string, issues: IssueLog): ControlCheck[] {
    const checks: ControlCheck[] = [];
    const bases: ControlCheck['basis'][] = this.withBlended ? ['unblended', 'blended'] : ['unblended'];
    for (const total of this.totals) {
      const covered = [...this.groups.values()].filter((g) => this.covers(total, g));
      for (const basis of bases) {
        const stated = basis === 'unblended' ? total.unblended : total.blended;
        if (stated === null) continue;
        const sum = new DecimalTotal();
        for (const group of covered) sum.addTotal(group[basis]);
        const statedValue = parseDecimal(stated);
        const summedValue = parseDecimal(sum.toText());
        const difference = summedValue.minus(statedValue);
        const check: ControlCheck = {
          scope: total.scope,
          key: total.scope === 'statement' ? '' : total.scope === 'invoice' ? total.invoice : total.account,
          basis,
          line: total.line,
          stated: formatDecimal(statedValue),
          summed: formatDecimal(summedValue),
          difference: formatDecimal(difference),
          ok: difference.isZero(),
        };
        checks.push(check);
        if (!check.ok) {
          const what = total.scope === 'statement' ? 'the statement' : total.scope === 'invoice' ? `invoice ${total.invoice}` : `account ${total.account}`;
          issues.add({
            code: 'CONTROL_TOTAL_MISMATCH',
            severity: 'error',
            message: `The ${total.recordType} row at line ${total.line} of ${file} states ${basis} cost ${check.stated} for ${what}, but its rows sum to ${check.summed} (difference ${check.difference}).`,
            source: { file, line: total.line },
          });
        }
      }
    }
    return checks;
  }

  private covers(total: TotalRow, group: GroupSums): boolean {
    switch (total.scope) {
      case 'statement':
        return true;
      case 'invoice':
        return group.invoice === total.invoice;
      case 'account':
        return group.account === total.account && (total.invoice === '' || group.invoice === total.invoice);
    }
  }
}
