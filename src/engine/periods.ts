/** Billing periods are `YYYY-MM` text; months compare correctly as text. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

/** The month after `period`: `2023-12` → `2024-01`. */
export function nextPeriod(period: string): string {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`"${period}" is not a billing period YYYY-MM`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${match[1]}-${String(month + 1).padStart(2, '0')}`;
}
