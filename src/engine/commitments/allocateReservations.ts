import { Decimal, ZERO } from '../money';
import { IssueLog, type WithIssues } from '../issues';
import {
  canonicalAccount, canonicalName, canonicalPlatform, canonicalTenancy, compareAccounts, regionOfZone,
  DEFAULT_TENANCY, LINUX_UNIX,
} from './canonical';
import { familySizesOf, splitInstanceType, tryNormalizationFactor, unknownSizeMessage } from './normalizationFactor';
import type { Reservation, RiAllocation, RiOptions, RiUsageAllocation, RiUsageRow } from './riAllocation';

/**
 * Reproduces AWS's allocation of Reserved Instances to usage (ENGINE.md §11).
 *
 * Worked example, one hourly bucket. Susan (111111111111) owns r-1: 5 zonal m5.large Linux/UNIX
 * RIs in us-east-1a. Susan runs 3 m5.large there, Bob (222222222222) runs 6.
 *   step 1 — r-1 covers its owner's matching usage: Susan's 3 hours; 2 left in r-1.
 *   step 2 — unused zonal RIs cover other accounts in the same AZ, ascending account id: Bob 2.
 *   result — Susan covered 3, Bob covered 2 and 6 − 2 = 4 on demand; r-1 used 5, unused 0.
 * With Bob's sharing off step 2 skips him: Bob 6 on demand, r-1 used 3, unused 2.
 *
 * Size flexibility (step 3/4, regional Linux/UNIX default-tenancy RIs) works in normalized units:
 * one m3.2xlarge RI offers 1 × 16 = 16 units; rows sorted smallest size first take them:
 * m3.large 4, m3.large 4, m3.xlarge 8 — all covered — and the last m3.xlarge finds 0 left.
 * A row that gets only part of its units is partly covered: one c4.large RI (4 units) over one
 * c4.xlarge hour (8 units) covers 4 / 8 = 0.5 of it.
 *
 * Speed: within a step, rows and reservations meet only when their match keys are equal (AZ or
 * region, type or family, platform, tenancy, and the owner in steps 1 and 3), and reservations with
 * different keys never compete for a row. So each bucket indexes its rows by key, and each key's
 * reservations (input order) walk that key's rows (already in candidate order) once, with a
 * cursor past the rows they used up. Rows are put in candidate order once, by sorting all of them
 * by (account, normalization factor, input row): a bucket's rows taken in that order are sorted
 * for every step (steps 1 and 3 hold one account; exact-type keys hold one factor).
 *
 * Exactness: quantities are Decimals. Covered instance-hours of a size-flexible cover are
 * units ÷ factor, exact whenever that quotient has a finite decimal expansion (always for the sizes
 * up to xlarge and powers-of-two multiples), else correct to 40 significant digits; on-demand is
 * quantity − covered and unused is capacity − used, so both totals are conserved exactly.
 */
export function allocateReservations(
  usage: readonly RiUsageRow[],
  reservations: readonly Reservation[],
  options: RiOptions = {},
): WithIssues<RiAllocation> {
  const log = new IssueLog();
  const sharingOff = new Set((options.noSharingAccounts ?? []).map(canonicalAccount));
  const familySizes = familySizesOf([...usage.map((u) => u.instanceType), ...reservations.map((r) => r.instanceType)]);

  // Usage rows in canonical form with their match keys.
  const rowCount = usage.length;
  const account: string[] = new Array(rowCount);
  const factor: (Decimal | null)[] = new Array(rowCount);
  const remaining: Decimal[] = new Array(rowCount);
  const applied: string[][] = new Array(rowCount);
  const zonalKey: (string | null)[] = new Array(rowCount);
  const regionalKey: (string | null)[] = new Array(rowCount);
  const sharing: boolean[] = new Array(rowCount);
  for (let i = 0; i < rowCount; i += 1) {
    const row = usage[i];
    const type = canonicalName(row.instanceType);
    const platform = canonicalPlatform(row.platform);
    const tenancy = canonicalTenancy(row.tenancy);
    const zone = canonicalName(row.availabilityZone);
    const region = canonicalName(row.region) || regionOfZone(zone) || '';
    const linuxDefault = platform === LINUX_UNIX && tenancy === DEFAULT_TENANCY;
    account[i] = canonicalAccount(row.account);
    sharing[i] = !sharingOff.has(account[i]);
    factor[i] = linuxDefault ? tryNormalizationFactor(type, familySizes) : null;
    if (linuxDefault && !factor[i]) {
      log.add({ code: 'UNKNOWN_INSTANCE_SIZE', severity: 'warning', message: unknownSizeMessage(row.instanceType), source: row.source });
    }
    applied[i] = [];
    if (row.quantity.isNegative()) {
      log.add({
        code: 'BAD_USAGE', severity: 'error', source: row.source,
        message: `Usage row ${rowNumber(row, i)} has a negative Quantity "${row.quantity.toFixed()}", so no reservation covers it.`,
      });
      remaining[i] = ZERO;
    } else {
      remaining[i] = row.quantity;
    }
    const exact = `${type}|${platform}|${tenancy}`;
    zonalKey[i] = zone === '' ? null : `${zone}|${exact}`;
    regionalKey[i] = region === '' ? null : factor[i] ? `F|${region}|${splitInstanceType(type).family}` : `E|${region}|${exact}`;
  }

  // Reservations in canonical form, grouped per step by match key, in input order.
  const riCount = reservations.length;
  const riOwner: string[] = new Array(riCount);
  const riFactor: (Decimal | null)[] = new Array(riCount);
  const riHoursPerBucket: Decimal[] = new Array(riCount);
  const riUnitsPerBucket: Decimal[] = new Array(riCount);
  const riUsedUnits: Decimal[] = new Array(riCount).fill(ZERO);
  const own: [Map<string, number[]>, Map<string, number[]>] = [new Map(), new Map()];
  const others: [Map<string, number[]>, Map<string, number[]>] = [new Map(), new Map()];
  for (let r = 0; r < riCount; r += 1) {
    const ri = reservations[r];
    const type = canonicalName(ri.instanceType);
    const platform = canonicalPlatform(ri.platform);
    const tenancy = canonicalTenancy(ri.tenancy);
    const location = canonicalName(ri.location);
    const zonal = ri.scope === 'zonal';
    const linuxDefault = platform === LINUX_UNIX && tenancy === DEFAULT_TENANCY;
    riOwner[r] = canonicalAccount(ri.owner);
    riFactor[r] = !zonal && linuxDefault ? tryNormalizationFactor(type, familySizes) : null;
    if (!zonal && linuxDefault && !riFactor[r]) {
      log.add({ code: 'UNKNOWN_INSTANCE_SIZE', severity: 'warning', message: `${unknownSizeMessage(ri.instanceType)} Reservation "${ri.reservation}" covers that type only.`, source: ri.source });
    }
    const perBucket = ri.count.times(ri.hours);
    if (perBucket.isNegative()) {
      log.add({
        code: 'BAD_RESERVATION', severity: 'error', source: ri.source,
        message: `Reservation "${ri.reservation}" has a negative Count × Hours (${ri.count.toFixed()} × ${ri.hours.toFixed()}), so it covers nothing.`,
      });
    }
    riHoursPerBucket[r] = perBucket.isNegative() ? ZERO : perBucket;
    riUnitsPerBucket[r] = riFactor[r] ? riHoursPerBucket[r].times(riFactor[r] as Decimal) : riHoursPerBucket[r];
    const exact = `${type}|${platform}|${tenancy}`;
    const key = zonal ? `${location}|${exact}` : riFactor[r] ? `F|${location}|${splitInstanceType(type).family}` : `E|${location}|${exact}`;
    const scope = zonal ? 0 : 1;
    push(own[scope], `${key}|${riOwner[r]}`, r);
    if (!sharingOff.has(riOwner[r])) push(others[scope], key, r);
  }

  // Buckets in first-seen order; each bucket's rows in candidate order (account, factor, row).
  const order = Array.from({ length: rowCount }, (_, i) => i);
  const factorNumber = factor.map((f) => (f ? f.toNumber() : 0)); // sorting only, never arithmetic
  order.sort((a, b) => compareAccounts(account[a], account[b]) || factorNumber[a] - factorNumber[b] || a - b);
  const buckets = new Map<string, number[]>();
  for (const i of order) push(buckets, usage[i].hour.trim(), i);

  const capacityLeft: Decimal[] = new Array(riCount);
  const capacityBucket = new Int32Array(riCount).fill(-1);
  let bucketIndex = 0;

  /** Lets the reservations `ris` (input order) cover `rows` (candidate order) in this bucket. */
  const cover = (ris: readonly number[], rows: readonly number[], othersOnly: boolean): void => {
    let cursor = 0;
    for (const r of ris) {
      if (capacityBucket[r] !== bucketIndex) {
        capacityBucket[r] = bucketIndex;
        capacityLeft[r] = riUnitsPerBucket[r];
      }
      let left = capacityLeft[r];
      const riUnits = riFactor[r];
      while (cursor < rows.length && remaining[rows[cursor]].isZero()) cursor += 1;
      for (let k = cursor; k < rows.length && !left.isZero(); k += 1) {
        const i = rows[k];
        const rest = remaining[i];
        if (rest.isZero() || (othersOnly && account[i] === riOwner[r])) continue;
        const rowFactor = riUnits ? (factor[i] as Decimal) : null;
        const need = rowFactor ? rest.times(rowFactor) : rest;
        if (left.greaterThanOrEqualTo(need)) {
          left = left.minus(need);
          riUsedUnits[r] = riUsedUnits[r].plus(need);
          remaining[i] = ZERO;
        } else {
          const coveredHours = rowFactor ? left.dividedBy(rowFactor) : left;
          const after = rest.minus(coveredHours);
          remaining[i] = after.isNegative() ? ZERO : after;
          riUsedUnits[r] = riUsedUnits[r].plus(left);
          left = ZERO;
        }
        const names = applied[i];
        const name = reservations[r].reservation;
        if (names[names.length - 1] !== name) names.push(name);
      }
      capacityLeft[r] = left;
    }
  };

  for (const rows of buckets.values()) {
    // Index this bucket's rows for the four steps; only keys some reservation has.
    const zonalOwn = new Map<string, number[]>();
    const zonalOthers = new Map<string, number[]>();
    const regionalOwn = new Map<string, number[]>();
    const regionalOthers = new Map<string, number[]>();
    for (const i of rows) {
      const zk = zonalKey[i];
      if (zk !== null) {
        const ownKey = `${zk}|${account[i]}`;
        if (own[0].has(ownKey)) push(zonalOwn, ownKey, i);
        if (sharing[i] && others[0].has(zk)) push(zonalOthers, zk, i);
      }
      const rk = regionalKey[i];
      if (rk !== null) {
        const ownKey = `${rk}|${account[i]}`;
        if (own[1].has(ownKey)) push(regionalOwn, ownKey, i);
        if (sharing[i] && others[1].has(rk)) push(regionalOthers, rk, i);
      }
    }
    for (const [key, keyRows] of zonalOwn) cover(own[0].get(key) as number[], keyRows, false);
    for (const [key, keyRows] of zonalOthers) cover(others[0].get(key) as number[], keyRows, true);
    for (const [key, keyRows] of regionalOwn) cover(own[1].get(key) as number[], keyRows, false);
    for (const [key, keyRows] of regionalOthers) cover(others[1].get(key) as number[], keyRows, true);
    bucketIndex += 1;
  }

  const bucketCount = new Decimal(buckets.size);
  const usageResult: RiUsageAllocation[] = usage.map((row, i) => ({
    row: rowNumber(row, i),
    covered: row.quantity.isNegative() ? ZERO : row.quantity.minus(remaining[i]),
    onDemand: row.quantity.isNegative() ? row.quantity : remaining[i],
    reservations: applied[i],
  }));
  const reservationResult = reservations.map((ri, r) => {
    const used = riFactor[r] ? riUsedUnits[r].dividedBy(riFactor[r] as Decimal) : riUsedUnits[r];
    const capacity = riHoursPerBucket[r].times(bucketCount);
    return { reservation: ri.reservation, used, unused: capacity.minus(used) };
  });
  return { result: { usage: usageResult, reservations: reservationResult }, issues: log.issues };
}

function rowNumber(row: RiUsageRow, index: number): number {
  return row.row ?? index + 1;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
