import type { Issue } from '../issues';
import { globsOverlap } from './glob';
import type { PriceRule } from './priceBook';

/**
 * AMBIGUOUS_RULES (ENGINE.md §5): two rules with the same precedence key (steps 1–3) whose match
 * fields can all match one line and whose validity periods overlap. The earlier row wins; the
 * warning asks the user to make the intent explicit.
 */
export function findAmbiguousRules(rules: readonly PriceRule[], source: string): Issue[] {
  const issues: Issue[] = [];
  const byKey = new Map<string, PriceRule[]>();
  for (const rule of rules) {
    const key = rule.precedence.join('/');
    const list = byKey.get(key) ?? [];
    list.push(rule);
    byKey.set(key, list);
  }
  for (const list of byKey.values()) {
    for (let a = 0; a < list.length; a += 1) {
      for (let b = a + 1; b < list.length; b += 1) {
        if (rulesOverlap(list[a], list[b])) {
          const [first, second] = list[a].line <= list[b].line ? [list[a], list[b]] : [list[b], list[a]];
          issues.push({
            code: 'AMBIGUOUS_RULES',
            severity: 'warning',
            message: `Rules "${first.name}" (line ${first.line}) and "${second.name}" (line ${second.line}) of ${source} are equally specific and can match the same line; "${first.name}" wins as the earlier row.`,
            source: { file: source, line: second.line },
          });
        }
      }
    }
  }
  return issues;
}

function rulesOverlap(a: PriceRule, b: PriceRule): boolean {
  if (a.validFrom !== null && b.validTo !== null && a.validFrom > b.validTo) return false;
  if (b.validFrom !== null && a.validTo !== null && b.validFrom > a.validTo) return false;
  if (![...a.kinds].some((k) => b.kinds.has(k))) return false;
  for (const field of ['customer', 'account', 'productCode', 'usageType', 'operation', 'region', 'billingEntity'] as const) {
    if (!globsOverlap(a.match[field].text, b.match[field].text)) return false;
  }
  return true;
}
