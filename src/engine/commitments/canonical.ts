/**
 * The forms in which commitment inputs are compared, so the same thing written two ways matches:
 * Excel drops the leading zeros of account ids, CUR writes `Linux` and `Shared` where the DBR and
 * the RI console write `Linux/UNIX` and `default`.
 */

/** A 12-digit account id whose leading zeros a spreadsheet dropped gets them back. */
export function canonicalAccount(text: string): string {
  const id = text.trim();
  return /^\d{1,11}$/.test(id) ? id.padStart(12, '0') : id;
}

/** Accounts in ascending id order: text order of the canonical ids (numeric order for 12 digits). */
export function compareAccounts(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const LINUX_UNIX = 'linux/unix';

/** Lower case; `Linux` (CUR's operating system) is `Linux/UNIX`. */
export function canonicalPlatform(text: string): string {
  const platform = text.trim().toLowerCase();
  return platform === 'linux' ? LINUX_UNIX : platform;
}

export const DEFAULT_TENANCY = 'default';

/** Lower case; blank and `shared` (CUR's word for it) are `default`. */
export function canonicalTenancy(text: string): string {
  const tenancy = text.trim().toLowerCase();
  return tenancy === '' || tenancy === 'shared' ? DEFAULT_TENANCY : tenancy;
}

/** `us-east-1a` → `us-east-1`; null for text that is not an ordinary AZ name. */
export function regionOfZone(zone: string): string | null {
  const match = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$/.exec(zone.trim().toLowerCase());
  return match ? match[1] : null;
}

/** Lower case and trimmed: AZs, regions and instance types are compared this way. */
export function canonicalName(text: string): string {
  return text.trim().toLowerCase();
}
