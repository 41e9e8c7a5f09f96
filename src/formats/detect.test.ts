import { detectFormat, isGroupsHeader, unknownFormatIssue } from './detect';

describe('detectFormat', () => {
  it('detectFormat(header) recognises each format by its columns, case-insensitively', () => {
    expect(detectFormat(['identity/LineItemId', 'lineItem/LineItemType'])).toBe('cur1');
    expect(detectFormat(['line_item_line_item_type', 'bill_payer_account_id'])).toBe('cur2');
    expect(detectFormat(['BilledCost', 'ChargeCategory'])).toBe('focus');
    expect(detectFormat(['billedcost', 'chargecategory'])).toBe('focus');
    expect(detectFormat(['RecordType', 'LinkedAccountId', 'UnBlendedCost'])).toBe('dbr');
    expect(detectFormat(['RecordType', 'LinkedAccountId', 'Rate', 'Cost'])).toBe('dbr');
    expect(detectFormat(['RecordType', 'LinkedAccountId', 'RecordID', 'CostBeforeTax', 'TotalCost'])).toBe('dbr-monthly');
    expect(detectFormat(['RecordId', 'CostBeforeTax', 'TotalCost'])).toBe('dbr-monthly');
  });

  it('detectFormat(header) is null when a format misses one needed column', () => {
    expect(detectFormat(['RecordType', 'UnBlendedCost'])).toBeNull();
    expect(detectFormat(['BilledCost'])).toBeNull();
    expect(detectFormat(['RecordID', 'CostBeforeTax'])).toBeNull();
    expect(detectFormat([])).toBeNull();
  });

  it('isGroupsHeader(header) is true for a header whose first column is rerate_groups_v1, any case', () => {
    expect(isGroupsHeader(['rerate_groups_v1', 'source'])).toBe(true);
    expect(isGroupsHeader([' RERATE_GROUPS_V1 '])).toBe(true);
    expect(isGroupsHeader(['source', 'rerate_groups_v1'])).toBe(false);
    expect(isGroupsHeader(['rerate_groups_v2'])).toBe(false);
    expect(isGroupsHeader([])).toBe(false);
  });

  it('unknownFormatIssue(file, header, line) names the first columns seen and what each format needs', () => {
    expect(unknownFormatIssue('x.csv', ['Date', 'Amount', 'a', 'b', 'c', 'd', 'e'], 1)).toEqual({
      code: 'UNKNOWN_FORMAT',
      severity: 'error',
      source: { file: 'x.csv', line: 1 },
      message:
        'The header of x.csv ("Date", "Amount", "a", "b", "c", "d", … (7 columns)) matches no billing format: ' +
        'dbr needs RecordType, LinkedAccountId and UnBlendedCost (or Cost); dbr-monthly needs RecordID, CostBeforeTax and TotalCost; ' +
        'cur1 needs lineItem/LineItemType; cur2 needs line_item_line_item_type; focus needs BilledCost and ChargeCategory; a groups table starts with the column rerate_groups_v1.',
    });
  });
});
