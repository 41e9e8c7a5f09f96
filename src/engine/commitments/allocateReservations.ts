import { Decimal, ZERO } from '../money';
import { IssueLog, type WithIssues } from '../issues';
import {
  canonicalAccount, canonicalName, canonicalPlatform, canonicalTenancy, compareAccounts, regionOfZone,
  DEFAULT_TENANCY, LINUX_UNIX,
} from './canonical';
import { PairIds, sortByKey, TextIds } from './compactIds';
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
 * different keys never compete for a row. Keys are small integers (compactIds.ts). Every step gets
 * its rows sorted once by (bucket, key, candidate order) with counting sorts, and per bucket each
 * key's reservations (input order) walk that key's run of rows with a cursor past the rows they
 * used up: O(rows + reservations) per bucket and step.
 * Candidate order is (account, normalization factor, input row) for every step: steps 1 and 3
 * hold one account per key, and exact-type keys hold one factor.
 *
 * Exactness: everything is counted in integer units — instance-hours × 10^scale × 4 × factor, where
 * scale is the most decimals of any quantity or Count × Hours and 4 × factor is a whole number
 * (nano = 1). Exact-type matches share a factor, size-flexible ones a family's units, so covering
 * is integer subtraction (BigInt: exact at any size, and fast). Only the final figures divide:
 * covered instance-hours = units ÷ (4 × factor × 10^scale), exact whenever that has a finite decimal
 * expansion (always for the sizes up to xlarge and power-of-two multiples), else to 40 significant
 * digits; on-demand is quantity − covered and unused is capacity − used, so both totals are
 * conserved exactly.
 */
export function allocateReservations(
  usage: readonly RiUsageRow[],
  reservations: readonly Reservation[],
  options: RiOptions = {},
): WithIssues<RiAllocation> {
  const log = new IssueLog();
  const sharingOff = new Set((options.noSharingAccounts ?? []).map(canonicalAccount));
  const familySizes = familySizesOf(new Set([...usage.map((u) => u.instanceType), ...reservations.map((r) => r.instanceType)]));

  const accounts = new TextIds(canonicalAccount);
  const types = new TextIds(canonicalName);
  const platforms = new TextIds(canonicalPlatform);
  const tenancies = new TextIds(canonicalTenancy);
  const places = new TextIds(canonicalName); // AZs and regions: their names never collide
  const families = new TextIds((family) => family);
  const buckets = new TextIds((label) => label.trim());
  const typePlatform = new PairIds(); // (type, platform)
  const exactKinds = new PairIds(); // ((type, platform), tenancy)
  const zonalKeys = new PairIds(); // (AZ, exact kind)
  const regionalKeys = new PairIds(); // (2 × region, exact kind) or (2 × region + 1, family)
  const zonalOwnKeys = new PairIds(); // (zonal key, account)
  const regionalOwnKeys = new PairIds(); // (regional key, account)

  // Per instance type, once: most inputs name a few dozen types.
  interface TypeFacts { factor: Decimal | null; units: bigint; weight: number; family: number }
  const typeFacts: TypeFacts[] = [];
  const factsOf = (type: number): TypeFacts => {
    let facts = typeFacts[type];
    if (!facts) {
      const text = types.texts[type];
      const factor = tryNormalizationFactor(text, familySizes);
      const units = factor ? BigInt(factor.times(4).toFixed()) : 1n;
      facts = { factor, units, weight: Number(units), family: families.id(splitInstanceType(text).family) };
      typeFacts[type] = facts;
    }
    return facts;
  };
  const isLinuxDefault = (platform: number, tenancy: number): boolean =>
    platforms.texts[platform] === LINUX_UNIX && tenancies.texts[tenancy] === DEFAULT_TENANCY;
  const placeId = (text: string): number => {
    const id = places.id(text);
    return places.texts[id] === '' ? -1 : id;
  };
  let scale = 0;

  // Reservations first, so that rows only look keys up. Per step, the reservations of each key,
  // in input order: step 1 by zonal own key, 2 by zonal key, 3 by regional own key, 4 by regional key.
  const riCount = reservations.length;
  const riOwner = new Int32Array(riCount);
  const riFactor: (Decimal | null)[] = new Array(riCount);
  const riFactorUnits: bigint[] = new Array(riCount);
  const riHoursPerBucket: Decimal[] = new Array(riCount);
  const stepReservations: number[][][] = [[], [], [], []];
  for (let r = 0; r < riCount; r += 1) {
    const ri = reservations[r];
    const type = types.id(ri.instanceType);
    const platform = platforms.id(ri.platform);
    const tenancy = tenancies.id(ri.tenancy);
    const zonal = ri.scope === 'zonal';
    const linuxDefault = isLinuxDefault(platform, tenancy);
    const owner = accounts.id(ri.owner);
    const facts = factsOf(type);
    riOwner[r] = owner;
    riFactor[r] = facts.factor;
    riFactorUnits[r] = facts.units;
    if (!zonal && linuxDefault && !facts.factor) {
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
    scale = Math.max(scale, riHoursPerBucket[r].decimalPlaces());
    const location = placeId(ri.location);
    if (location < 0) continue;
    const exact = exactKinds.id(typePlatform.id(type, platform), tenancy);
    const key = zonal ? zonalKeys.id(location, exact)
      : linuxDefault && facts.factor ? regionalKeys.id(2 * location + 1, facts.family) : regionalKeys.id(2 * location, exact);
    const step = zonal ? 0 : 2;
    const ownKey = (zonal ? zonalOwnKeys : regionalOwnKeys).id(key, owner);
    (stepReservations[step][ownKey] ??= []).push(r);
    if (!sharingOff.has(accounts.texts[owner])) (stepReservations[step + 1][key] ??= []).push(r);
  }

  // Usage rows: account, factor, bucket, and per step the key of the reservations that may cover
  // it (−1: none).
  const rowCount = usage.length;
  const rowAccount = new Int32Array(rowCount);
  const rowFactor: (Decimal | null)[] = new Array(rowCount);
  const rowFactorUnits: bigint[] = new Array(rowCount);
  const rowWeight = new Float64Array(rowCount);
  const bucket = new Int32Array(rowCount);
  const rowKeys = [0, 1, 2, 3].map(() => new Int32Array(rowCount).fill(-1));
  const regionOfPlace = new Map<number, number>();
  for (let i = 0; i < rowCount; i += 1) {
    const row = usage[i];
    const account = accounts.id(row.account);
    const type = types.id(row.instanceType);
    const platform = platforms.id(row.platform);
    const tenancy = tenancies.id(row.tenancy);
    const linuxDefault = isLinuxDefault(platform, tenancy);
    const facts = factsOf(type);
    rowAccount[i] = account;
    rowFactor[i] = facts.factor;
    rowFactorUnits[i] = facts.units;
    rowWeight[i] = facts.weight;
    bucket[i] = buckets.id(row.hour);
    if (linuxDefault && !facts.factor) {
      log.add({ code: 'UNKNOWN_INSTANCE_SIZE', severity: 'warning', message: unknownSizeMessage(row.instanceType), source: row.source });
    }
    if (row.quantity.isNegative()) {
      log.add({
        code: 'BAD_USAGE', severity: 'error', source: row.source,
        message: `Usage row ${rowNumber(row, i)} has a negative Quantity "${row.quantity.toFixed()}", so no reservation covers it.`,
      });
      continue;
    }
    scale = Math.max(scale, row.quantity.decimalPlaces());
    const zone = placeId(row.availabilityZone);
    let region = placeId(row.region);
    if (region < 0 && zone >= 0) {
      let derived = regionOfPlace.get(zone);
      if (derived === undefined) {
        const name = regionOfZone(places.texts[zone]);
        regionOfPlace.set(zone, (derived = name === null ? -1 : places.id(name)));
      }
      region = derived;
    }
    const exact = exactKinds.find(typePlatform.find(type, platform), tenancy);
    const zonalKey = zonalKeys.find(zone, exact);
    const regionalKey = linuxDefault && facts.factor ? regionalKeys.find(2 * region + 1, facts.family) : regionalKeys.find(2 * region, exact);
    const sharing = !sharingOff.has(accounts.texts[account]);
    rowKeys[0][i] = zonalOwnKeys.find(zonalKey, account);
    rowKeys[1][i] = sharing && zonalKey >= 0 && stepReservations[1][zonalKey] ? zonalKey : -1;
    rowKeys[2][i] = regionalOwnKeys.find(regionalKey, account);
    rowKeys[3][i] = sharing && regionalKey >= 0 && stepReservations[3][regionalKey] ? regionalKey : -1;
  }

  // Integer units: instance-hours × 10^scale × 4 × factor (× 1 for a type of unknown size, which
  // only ever meets its own type).
  const scaled = (hours: Decimal): bigint => BigInt(scale === 0 ? hours.toFixed(0) : hours.toFixed(scale).replace('.', ''));
  const rowUnits: bigint[] = usage.map((row, i) => (row.quantity.isNegative() ? 0n : scaled(row.quantity) * rowFactorUnits[i]));
  const remaining = rowUnits.slice();
  const riUnitsPerBucket: bigint[] = riHoursPerBucket.map((hours, r) => scaled(hours) * riFactorUnits[r]);
  const riUsedUnits: bigint[] = new Array(riCount).fill(0n);
  const applied: string[][] = Array.from({ length: rowCount }, () => []);

  // Candidate order (account id, normalization factor, input row); then per step the rows with a
  // key, sorted stably by key and then by bucket: (bucket, key, candidate order).
  const accountRank = new Int32Array(accounts.texts.length);
  accounts.texts.map((text, id) => ({ text, id }))
    .sort((a, b) => compareAccounts(a.text, b.text))
    .forEach(({ id }, rank) => { accountRank[id] = rank; });
  const byCandidate = Int32Array.from({ length: rowCount }, (_, i) => i)
    .sort((a, b) => accountRank[rowAccount[a]] - accountRank[rowAccount[b]] || rowWeight[a] - rowWeight[b] || a - b);
  const stepRows = rowKeys.map((keys, step) => {
    const rows = byCandidate.filter((i) => keys[i] >= 0);
    return sortByKey(sortByKey(rows, keys, stepReservations[step].length), bucket, buckets.texts.length);
  });

  // Units fit JavaScript numbers exactly for any ordinary input (≤ 2^53: e.g. 6 decimals, 1,000
  // instances of a 112xlarge, 744 hours and a year of buckets); then covering runs on doubles,
  // several times faster than BigInt. Otherwise it runs on BigInt: the same steps, exact at any size.
  let largest = 0n;
  for (const units of rowUnits) if (units > largest) largest = units;
  for (const units of riUnitsPerBucket) {
    const total = units * BigInt(buckets.texts.length);
    if (total > largest) largest = total;
  }
  const cover = largest <= BigInt(Number.MAX_SAFE_INTEGER)
    ? coverWithNumbers(rowUnits, riUnitsPerBucket, remaining, riUsedUnits)
    : coverWithBigInts(remaining, riUnitsPerBucket, riUsedUnits);
  const applyReservation = (i: number, r: number): void => {
    const names = applied[i];
    const name = reservations[r].reservation;
    if (names[names.length - 1] !== name) names.push(name);
  };

  // Bucket by bucket, steps 1–4 in order; within a step, one key's run of rows at a time.
  const position = [0, 0, 0, 0];
  for (let b = 0; b < buckets.texts.length; b += 1) {
    for (let step = 0; step < 4; step += 1) {
      const rows = stepRows[step];
      const keys = rowKeys[step];
      let p = position[step];
      while (p < rows.length && bucket[rows[p]] === b) {
        const key = keys[rows[p]];
        let end = p + 1;
        while (end < rows.length && bucket[rows[end]] === b && keys[rows[end]] === key) end += 1;
        cover(stepReservations[step][key], rows, p, end, step % 2 === 1 ? rowAccount : null, riOwner, b, applyReservation);
        p = end;
      }
      position[step] = p;
    }
  }

  cover.finish();
  const shift = new Decimal(10).pow(scale);
  const hoursOf = (units: bigint, factor: Decimal | null): Decimal =>
    new Decimal(units.toString()).dividedBy(factor ? shift.times(factor).times(4) : shift);
  const usageResult: RiUsageAllocation[] = usage.map((row, i) => {
    const quantity = row.quantity;
    if (quantity.isNegative() || remaining[i] === rowUnits[i]) {
      return { row: rowNumber(row, i), covered: ZERO, onDemand: quantity, reservations: applied[i] };
    }
    const covered = remaining[i] === 0n ? quantity : hoursOf(rowUnits[i] - remaining[i], rowFactor[i]);
    return { row: rowNumber(row, i), covered, onDemand: quantity.minus(covered), reservations: applied[i] };
  });
  const bucketCount = new Decimal(buckets.texts.length);
  const reservationResult = reservations.map((ri, r) => {
    const used = hoursOf(riUsedUnits[r], riFactor[r]);
    return { reservation: ri.reservation, used, unused: riHoursPerBucket[r].times(bucketCount).minus(used) };
  });
  return { result: { usage: usageResult, reservations: reservationResult }, issues: log.issues };
}

function rowNumber(row: RiUsageRow, index: number): number {
  return row.row ?? index + 1;
}

/**
 * Lets the reservations `ris` (input order) cover `rows[start..end)` (candidate order) in bucket
 * `bucket`, in integer units. With `rowAccount` (steps 2 and 4) a reservation skips its owner's rows.
 * `applied(row, reservation)` records each use. Reservation capacity restarts in every bucket.
 */
type Cover = ((
  ris: readonly number[], rows: Int32Array, start: number, end: number,
  rowAccount: Int32Array | null, riOwner: Int32Array, bucket: number, applied: (row: number, reservation: number) => void,
) => void) & { finish(): void };

/** Covering on doubles holding exact integers; `finish` writes the results back to the BigInt arrays. */
function coverWithNumbers(rowUnits: readonly bigint[], riUnitsPerBucket: readonly bigint[], remainingOut: bigint[], usedOut: bigint[]): Cover {
  const remaining = Float64Array.from(rowUnits, Number);
  const perBucket = Float64Array.from(riUnitsPerBucket, Number);
  const used = new Float64Array(perBucket.length);
  const left = new Float64Array(perBucket.length);
  const leftBucket = new Int32Array(perBucket.length).fill(-1);
  const cover = (ris: readonly number[], rows: Int32Array, start: number, end: number, rowAccount: Int32Array | null,
    riOwner: Int32Array, bucket: number, applied: (row: number, reservation: number) => void): void => {
    let cursor = start;
    for (const r of ris) {
      if (leftBucket[r] !== bucket) {
        leftBucket[r] = bucket;
        left[r] = perBucket[r];
      }
      let capacity = left[r];
      if (capacity === 0) continue;
      while (cursor < end && remaining[rows[cursor]] === 0) cursor += 1;
      for (let k = cursor; k < end && capacity > 0; k += 1) {
        const i = rows[k];
        const rest = remaining[i];
        if (rest === 0 || (rowAccount !== null && rowAccount[i] === riOwner[r])) continue;
        const take = capacity < rest ? capacity : rest;
        remaining[i] = rest - take;
        used[r] += take;
        capacity -= take;
        applied(i, r);
      }
      left[r] = capacity;
    }
  };
  return Object.assign(cover, {
    finish(): void {
      remaining.forEach((units, i) => { remainingOut[i] = BigInt(units); });
      used.forEach((units, r) => { usedOut[r] = BigInt(units); });
    },
  });
}

/** The same covering on BigInt, for inputs whose units pass 2^53. */
function coverWithBigInts(remaining: bigint[], perBucket: readonly bigint[], used: bigint[]): Cover {
  const left: bigint[] = new Array(perBucket.length).fill(0n);
  const leftBucket = new Int32Array(perBucket.length).fill(-1);
  const cover = (ris: readonly number[], rows: Int32Array, start: number, end: number, rowAccount: Int32Array | null,
    riOwner: Int32Array, bucket: number, applied: (row: number, reservation: number) => void): void => {
    let cursor = start;
    for (const r of ris) {
      if (leftBucket[r] !== bucket) {
        leftBucket[r] = bucket;
        left[r] = perBucket[r];
      }
      let capacity = left[r];
      if (capacity === 0n) continue;
      while (cursor < end && remaining[rows[cursor]] === 0n) cursor += 1;
      for (let k = cursor; k < end && capacity > 0n; k += 1) {
        const i = rows[k];
        const rest = remaining[i];
        if (rest === 0n || (rowAccount !== null && rowAccount[i] === riOwner[r])) continue;
        const take = capacity < rest ? capacity : rest;
        remaining[i] = rest - take;
        used[r] += take;
        capacity -= take;
        applied(i, r);
      }
      left[r] = capacity;
    }
  };
  return Object.assign(cover, { finish(): void {} });
}
