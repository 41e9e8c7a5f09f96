import { Decimal, ZERO } from './decimal';

/**
 * Splits `total` (already rounded to `decimals` places) over `weights` so the parts are multiples
 * of the unit 10^-decimals and sum exactly to `total`.
 *
 * Worked example: total 1.00 over weights 1, 1, 1 at 2 decimals. Exact shares are 0.3333…;
 * each part first takes the share truncated toward zero (0.33 × 3 = 0.99), leaving one cent.
 * Leftover units go to the largest remainders; ties go to the earlier weight. Result: 0.34,
 * 0.33, 0.33.
 *
 * Weights may be negative or mixed (a credit among charges); shares are proportional to the
 * signed weights. When every weight is zero the split is by equal weights. The function is
 * deterministic and conserves the total exactly.
 */
export function allocate(total: Decimal, weights: readonly Decimal[], decimals: number): Decimal[] {
  if (weights.length === 0) {
    if (!total.isZero()) throw new RangeError(`cannot allocate ${total.toFixed()} over no weights`);
    return [];
  }
  const unit = new Decimal(10).pow(-decimals);
  if (!total.mod(unit).isZero()) {
    throw new RangeError(`total ${total.toFixed()} is not a multiple of ${unit.toFixed()}`);
  }
  const weightSum = weights.reduce((sum, w) => sum.plus(w), ZERO);
  const effective = weightSum.isZero() ? weights.map(() => new Decimal(1)) : weights;
  const effectiveSum = weightSum.isZero() ? new Decimal(weights.length) : weightSum;

  // Work in whole units of the minor currency so the remainder arithmetic is exact.
  const totalUnits = total.div(unit);
  const exact = effective.map((w) => totalUnits.times(w).div(effectiveSum));
  const floors = exact.map((share) => share.toDecimalPlaces(0, Decimal.ROUND_FLOOR));
  const allocatedUnits = floors.reduce((sum, f) => sum.plus(f), ZERO);
  const leftover = totalUnits.minus(allocatedUnits).toNumber();
  // toNumber is safe here: leftover is a small whole count of units (< weights.length).

  const order = exact
    .map((share, index) => ({ index, remainder: share.minus(floors[index]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const parts = floors.slice();
  for (let k = 0; k < leftover; k += 1) {
    const { index } = order[k];
    parts[index] = parts[index].plus(1);
  }
  return parts.map((p) => {
    const amount = p.times(unit);
    return amount.isZero() ? new Decimal(0) : amount;
  });
}
