import { Decimal, isDecimalText, parseDecimal } from '../money';

/**
 * A rule's Value: a fraction `0.15` or a percentage `15%` (= 0.15), exact. Returns null for text
 * that is neither.
 */
export function parseRuleValue(text: string): Decimal | null {
  const t = text.trim();
  if (t.endsWith('%')) {
    const number = t.slice(0, -1).trim();
    return isDecimalText(number) ? parseDecimal(number).div(100) : null;
  }
  return isDecimalText(t) ? parseDecimal(t) : null;
}
