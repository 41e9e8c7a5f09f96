import { periodFromFileName, periodFromTimestamp, PeriodReader } from './dates';

describe('periodFromTimestamp', () => {
  it('periodFromTimestamp(text) reads the three billing timestamp forms and bare dates as UTC periods', () => {
    expect(periodFromTimestamp('2023-11-01T00:00:00Z')).toBe('2023-11');
    expect(periodFromTimestamp('2023-11-01T00:00:00.000Z')).toBe('2023-11');
    expect(periodFromTimestamp('2016-01-01 00:00:00')).toBe('2016-01');
    expect(periodFromTimestamp('2017/05/01 00:00:00')).toBe('2017-05');
    expect(periodFromTimestamp('2024-12-31')).toBe('2024-12');
  });

  it('periodFromTimestamp(text) is null for anything else', () => {
    for (const text of ['', '2023-13-01', '2023-11', '01/11/2023', '2023-11-01X', '2023-11-01T00:00', '2023-11/01', 'NULL', '2023-11-01T00:00:00+02:00']) {
      expect([text, periodFromTimestamp(text)]).toEqual([text, null]);
    }
  });

  it('periodFromTimestamp(text) refuses days, months and times that do not exist, and keeps leap days', () => {
    for (const text of ['2023-02-30', '2023-02-29T00:00:00Z', '2023-04-31', '2023-13-01', '2023-00-10', '2023-11-00', '1900-02-29',
      '2023-11-01T99:99:99Z', '2023-11-01T24:00:01', '2023-11-01T24:00:00Z', '2023-11-01 23:60:00', '2023-11-01T23:59:60Z']) {
      expect([text, periodFromTimestamp(text)]).toEqual([text, null]);
    }
    expect(['2024-02-29', '2000-02-29T00:00:00Z', '2023-12-31 23:59:59', '2023-04-30T23:59:59.999Z'].map(periodFromTimestamp)).toEqual([
      '2024-02', '2000-02', '2023-12', '2023-04',
    ]);
  });

  it('PeriodReader.read(text) gives the same answers while remembering the last one', () => {
    const reader = new PeriodReader();
    expect(['2023-11-01T00:00:00Z', '2023-11-01T00:00:00Z', 'bad', '2023-12-01 00:00:00'].map((t) => reader.read(t))).toEqual([
      '2023-11', '2023-11', null, '2023-12',
    ]);
  });
});

describe('periodFromFileName', () => {
  it('periodFromFileName(name) finds the last YYYY-MM in a DBR file name, not inside account ids', () => {
    expect(periodFromFileName('123456789012-aws-billing-detailed-line-items-with-resources-and-tags-2017-05.csv.zip')).toBe('2017-05');
    expect(periodFromFileName('dbr-2016-01.zip!dbr-2016-02.csv')).toBe('2016-02');
    expect(periodFromFileName('report-2017-13.csv')).toBeNull();
    expect(periodFromFileName('dbr.csv')).toBeNull();
  });
});
