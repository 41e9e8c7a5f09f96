import { Decimal } from './decimal';

/**
 * Plain notation, never exponent form, never `-0`. With `scale`, exactly that many decimals
 * (the caller must have rounded on purpose before: toFixed here rounds half-up only as a guard).
 * Without `scale`, the shortest exact plain representation.
 */
export function formatDecimal(value: Decimal, scale?: number): string {
  const text = scale === undefined ? value.toFixed() : value.toFixed(scale);
  return isNegativeZeroText(text) ? text.slice(1) : text;
}

function isNegativeZeroText(text: string): boolean {
  return text.startsWith('-') && /^-0(?:\.0*)?$/.test(text);
}

/** Formats a figure with thousands separators for terminals and tables. */
export function formatGrouped(value: Decimal, scale: number): string {
  const text = formatDecimal(value, scale);
  const [whole, fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

export { Decimal };
