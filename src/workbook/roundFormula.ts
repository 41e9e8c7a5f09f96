import type { RoundingMode } from '../engine/money';

/**
 * A native formula rounding `ref` to `decimals` like the engine's `roundMoney`. Half-up is
 * ROUND (halves away from zero in Excel and LibreOffice). Half-even has no native function, so
 * with s = ABS(ref)·10^d and t = TRUNC(s): an exact half (s − t = 0.5, compared after rounding
 * to 9 decimals to absorb binary noise such as 0.145·100 = 14.499999999999998) rounds to
 * t + MOD(t, 2), the even neighbour; anything else is ROUND. Worked example, d = 2:
 *   0.125 → s 12.5, t 12 → 12/100 = 0.12;   −0.135 → s 13.5, t 13 → −14/100 = −0.14;   0.126 → ROUND → 0.13.
 */
export function roundFormula(ref: string, decimals: number, mode: RoundingMode): string {
  if (mode === 'half-up') return `ROUND(${ref},${decimals})`;
  const scale = 10 ** decimals;
  const s = `ABS(${ref})*${scale}`;
  return `IF(ROUND(${s}-TRUNC(${s}),9)=0.5,SIGN(${ref})*(TRUNC(${s})+MOD(TRUNC(${s}),2))/${scale},ROUND(${ref},${decimals}))`;
}
