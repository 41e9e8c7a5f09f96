import * as fs from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';

/**
 * The FOCUS 1.2 fixture with a bad cell, an unknown category or a bad id on most rows (line N is
 * data row N − 1), and three rows added: its issues are the reader's, listed in the test.
 */
export function focusWithBadRows(file: string): string {
  const rows = Papa.parse<string[]>(fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'focus', 'focus-1.2-2025-01.csv'), 'utf8'), { skipEmptyLines: true }).data;
  const header = rows[0];
  const set = (row: number, column: string, value: string): void => {
    const index = header.indexOf(column);
    if (index < 0) throw new Error(column);
    rows[row][index] = value;
  };
  set(1, 'EffectiveCost', '12 USD'); // line 2: a bad number before a bad date → BAD_NUMBER
  set(1, 'BillingPeriodStart', 'January');
  set(2, 'BillingPeriodStart', '2025-13-01'); // line 3: a bad date before a bad BilledCost → BAD_DATE
  set(2, 'BilledCost', 'zero');
  set(3, 'ConsumedQuantity', '7 hours'); // line 4: BAD_NUMBER (PricingQuantity is valid)
  set(4, 'PricingQuantity', 'n/a'); // line 5: ConsumedQuantity NULL, so PricingQuantity is read: BAD_NUMBER
  set(5, 'ChargeCategory', 'PURCHASE'); // line 6: any case → upfront
  set(5, 'ChargeFrequency', 'ONE-TIME');
  set(6, 'ChargeCategory', 'Mystery'); // line 7: not a FOCUS category → fee, a warning
  set(7, 'ConsumedQuantity', '1'); // line 8: ConsumedQuantity is a number, so PricingQuantity is never read
  set(7, 'PricingQuantity', 'bad');
  set(9, 'SubAccountId', '12345'); // line 10: an AWS id not 12 digits
  set(10, 'Tags', 'not json'); // line 11: Tags not a JSON object
  set(11, 'ProviderName', 'Oracle'); // line 12: another provider's id is not checked
  set(11, 'SubAccountId', 'ocid1.tenancy');
  const tax = rows[9].slice();
  rows.push(tax.slice(), tax.slice(), tax.slice()); // line 13: the id of line 10 again
  set(14, 'ProviderName', 'NULL'); // line 15: no provider: ids are not checked (support would still be AWS's)
  set(14, 'SubAccountId', '999');
  set(15, 'ProviderName', 'Amazon Web Services, Inc.'); // line 16: AWS by its legal name: a payer id not 12 digits
  set(15, 'BillingAccountId', '1234');
  set(15, 'SubAccountId', '000000000042');
  fs.writeFileSync(file, `${Papa.unparse(rows, { newline: '\n' })}\n`);
  return file;
}
