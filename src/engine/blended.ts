import { RerateError } from './issues';
import { ZERO, type Decimal } from './money';

/**
 * The blended rate of one usage type across an organisation (ENGINE.md §13): Σ unblended cost ÷
 * Σ usage, RI-covered hours counting at their $0 unblended cost. AWS's example: 2,160 RI hours at
 * 0 and 720 on-demand hours at 0.023 → 16.56 ÷ 2,880 = 0.00575 per hour. No usage at all throws
 * (a rate per zero units does not exist).
 */
export function blendedRate(lines: readonly { unblendedCost: Decimal; usageAmount: Decimal }[]): Decimal {
  let cost = ZERO;
  let usage = ZERO;
  for (const line of lines) {
    cost = cost.plus(line.unblendedCost);
    usage = usage.plus(line.usageAmount);
  }
  if (usage.isZero()) {
    throw new RerateError('BAD_VALUE', `The blended rate needs usage: the ${lines.length} quantities sum to 0.`);
  }
  return cost.div(usage);
}
