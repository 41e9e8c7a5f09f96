import type { TableRows } from '../table';
import { loadRiUsage } from './loadRiUsage';
import { loadReservations } from './loadReservations';
import { loadSpUsage } from './loadSpUsage';
import { loadSavingsPlans } from './loadSavingsPlans';

/** A table from CSV-like lines: the first is the header (line 1), data from line 2. */
function table(source: string, lines: string[]): TableRows {
  const [header, ...rows] = lines.map((l) => l.split(','));
  return { source, header, rows: rows.map((values, i) => ({ line: i + 2, values })) };
}

const codes = (issues: { code: string; source?: { line: number; column?: string } }[]) =>
  issues.map((i) => [i.code, i.source?.line, i.source?.column]);

describe('number bounds in commitment tables', () => {
  test('loadRiUsage(table) refuses a quantity of 1e400 or a million digits as a bad cell, quoting at most 40 characters', () => {
    const { result, issues } = loadRiUsage(table('usage.csv', [
      'hour,account,instance type,platform,tenancy,availability_zone,region,quantity',
      'h1,111111111111,m5.large,Linux/UNIX,,,us-east-1,1e400',
      `h1,111111111111,m5.large,Linux/UNIX,,,us-east-1,${'7'.repeat(1_000_000)}`,
      'h1,111111111111,m5.large,Linux/UNIX,,,us-east-1,2',
    ]));
    expect(result.map((r) => r.quantity.toFixed())).toEqual(['2']);
    expect(codes(issues)).toEqual([['BAD_USAGE', 2, 'Quantity']]);
    expect(issues[0].message).toContain('is "1e400", not a decimal number');
    expect(issues[0].count).toBe(2);
  });
});

describe('loadRiUsage', () => {
  test('loadRiUsage(table) reads §11 columns case-insensitively, ignores extra columns and numbers rows from 1', () => {
    const { result, issues } = loadRiUsage(table('usage.csv', [
      'hour,ACCOUNT,Instance Type,platform,tenancy,availability_zone,region,quantity,Note',
      'h1,111111111111,m5.large,Linux/UNIX,,us-east-1a,us-east-1,3,x',
      ',,,,,,,,',
      'h1,222222222222,m5.large,Linux/UNIX,dedicated,,us-east-1,1.5,',
    ]));
    expect(issues).toEqual([]);
    expect(result.map((r) => [r.row, r.source?.line, r.hour, r.account, r.tenancy, r.availabilityZone, r.quantity.toFixed()])).toEqual([
      [1, 2, 'h1', '111111111111', '', 'us-east-1a', '3'],
      [3, 4, 'h1', '222222222222', 'dedicated', '', '1.5'],
    ]);
  });

  test('loadRiUsage(table) reports each bad row with line and column, leaves it out and keeps the others\' numbers', () => {
    const { result, issues } = loadRiUsage(table('usage.csv', [
      'Account,InstanceType,Platform,AvailabilityZone,Region,Quantity',
      '1,m5.large,Linux/UNIX,us-east-1a,,abc',
      '1,m5.large,Linux/UNIX,,,1',
      '1,m5.large,,us-east-1a,,-2',
      '1,m5.large,Linux/UNIX,us-east-1a,,2',
    ]));
    expect(result.map((r) => r.row)).toEqual([4]);
    expect(codes(issues)).toEqual([
      ['BAD_USAGE', 2, 'Quantity'], ['BAD_USAGE', 3, undefined], ['BAD_USAGE', 4, 'Platform'], ['BAD_USAGE', 4, 'Quantity'],
    ]);
    expect(issues[0].message).toBe('Column Quantity of line 2 is "abc", not a decimal number of instance-hours.');
  });

  test('loadRiUsage(table) folds many bad rows of one kind into one issue with a count', () => {
    const lines = ['Account,InstanceType,Platform,Region,Quantity'];
    for (let i = 0; i < 50; i += 1) lines.push(`1,m5.large,Linux,us-east-1,x${i}`);
    const { issues } = loadRiUsage(table('usage.csv', lines));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'BAD_USAGE', count: 50, source: { line: 2 } });
  });

  test('loadRiUsage(table) without a required column gives MISSING_COLUMN and no rows', () => {
    const { result, issues } = loadRiUsage(table('usage.csv', ['Account,InstanceType,Platform,Region', '1,m5.large,Linux,us-east-1']));
    expect(result).toEqual([]);
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      ['MISSING_COLUMN', 'The usage table usage.csv has no "Quantity" column (it needs Account, InstanceType, Platform, Quantity).'],
    ]);
  });
});

describe('loadReservations', () => {
  test('loadReservations(table) reads scope words, defaults Hours to 1 and keeps input order', () => {
    const { result, issues } = loadReservations(table('ri.csv', [
      'Reservation,Owner,InstanceType,Platform,Tenancy,Scope,Location,Count,Hours',
      'r-1,111111111111,m5.large,Linux/UNIX,default,Availability Zone,us-east-1a,5,',
      'r-2,111111111111,m5.xlarge,Linux/UNIX,,Region,us-east-1,2,720',
    ]));
    expect(issues).toEqual([]);
    expect(result.map((r) => [r.reservation, r.scope, r.location, r.count.toFixed(), r.hours.toFixed()])).toEqual([
      ['r-1', 'zonal', 'us-east-1a', '5', '1'], ['r-2', 'regional', 'us-east-1', '2', '720'],
    ]);
  });

  test('loadReservations(table) reports bad scope, location, count, hours and repeated ids with BAD_RESERVATION', () => {
    const { result, issues } = loadReservations(table('ri.csv', [
      'Reservation,Owner,InstanceType,Platform,Scope,Location,Count,Hours',
      'r-1,1,m5.large,Linux,global,us-east-1a,1,',
      'r-2,1,m5.large,Linux,zonal,us-east-1,1,',
      'r-3,1,m5.large,Linux,regional,us-east-1a,1,',
      'r-4,1,m5.large,Linux,zonal,us-east-1a,1.5,',
      'r-5,1,m5.large,Linux,zonal,us-east-1a,1,0',
      'r-6,1,m5.large,Linux,zonal,us-east-1a,1,',
      'r-6,1,m5.large,Linux,zonal,us-east-1a,2,',
    ]));
    expect(result.map((r) => r.reservation)).toEqual(['r-6']);
    expect(codes(issues)).toEqual([
      ['BAD_RESERVATION', 2, 'Scope'], ['BAD_RESERVATION', 3, 'Location'], ['BAD_RESERVATION', 4, 'Location'],
      ['BAD_RESERVATION', 5, 'Count'], ['BAD_RESERVATION', 6, 'Hours'], ['BAD_RESERVATION', 8, 'Reservation'],
    ]);
    expect(issues[5].message).toBe('Reservation "r-6" on line 8 repeats the id of line 7, so it is left out.');
  });
});

describe('loadSpUsage', () => {
  test('loadSpUsage(table) reads rates per unit; blank SpRate is null and warns the row stays on demand', () => {
    const { result, issues } = loadSpUsage(table('sp-usage.csv', [
      'Hour,Account,Usage,InstanceFamily,Region,Quantity,OnDemandRate,SpRate,InstanceSpRate',
      ',1,c5.9xlarge,c5,us-east-1,1,4.00,2.00,1.80',
      ',1,RDS,,,1,2.00,,',
    ]));
    expect(result.map((r) => [r.row, r.usage, r.instanceFamily, r.spRate?.toFixed() ?? null, r.instanceSpRate?.toFixed() ?? null])).toEqual([
      [1, 'c5.9xlarge', 'c5', '2', '1.8'], [2, 'RDS', '', null, null],
    ]);
    expect(codes(issues)).toEqual([['BAD_USAGE', 3, undefined]]);
    expect(issues[0].severity).toBe('warning');
  });

  test('loadSpUsage(table) needs a Region for a row with an instance family and valid rates', () => {
    const { result, issues } = loadSpUsage(table('sp-usage.csv', [
      'Account,InstanceFamily,Region,Quantity,OnDemandRate,SpRate',
      '1,c5,,1,4,2',
      '1,,,1,-4,2',
    ]));
    expect(result).toEqual([]);
    expect(codes(issues)).toEqual([['BAD_USAGE', 2, 'Region'], ['BAD_USAGE', 3, 'OnDemandRate']]);
  });
});

describe('loadSavingsPlans', () => {
  test('loadSavingsPlans(table) reads both types; an EC2 Instance plan needs family and region', () => {
    const { result, issues } = loadSavingsPlans(table('plans.csv', [
      'Plan,Owner,Type,Commitment,Hours,InstanceFamily,Region',
      'sp-1,1,Compute,10,,,',
      'sp-2,1,EC2 Instance,2.5,720,c5,us-east-1',
      'sp-3,1,ec2-instance,1,,,us-east-1',
      'sp-4,1,sagemaker,1,,,',
      'sp-1,1,compute,1,,,',
    ]));
    expect(result.map((p) => [p.plan, p.type, p.commitment.toFixed(), p.hours.toFixed(), p.instanceFamily, p.region])).toEqual([
      ['sp-1', 'compute', '10', '1', '', ''], ['sp-2', 'ec2-instance', '2.5', '720', 'c5', 'us-east-1'],
    ]);
    expect(codes(issues)).toEqual([['BAD_PLAN', 4, 'InstanceFamily'], ['BAD_PLAN', 5, 'Type'], ['BAD_PLAN', 6, 'Plan']]);
  });
});
