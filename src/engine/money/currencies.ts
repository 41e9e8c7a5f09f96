/**
 * ISO 4217 minor units (decimals) of the currencies resellers invoice in. A code not listed here
 * is assumed to have 2 decimals, which is right for nearly every active currency; the exceptions
 * are listed explicitly.
 */
const ZERO_DECIMALS = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV',
  'XAF', 'XOF', 'XPF',
];
const THREE_DECIMALS = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const FOUR_DECIMALS = ['CLF', 'UYW'];

const MINOR_UNITS = new Map<string, number>([
  ...ZERO_DECIMALS.map((code): [string, number] => [code, 0]),
  ...THREE_DECIMALS.map((code): [string, number] => [code, 3]),
  ...FOUR_DECIMALS.map((code): [string, number] => [code, 4]),
]);

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code);
}

/** The number of decimals of a currency's minor unit: USD 2, JPY 0, BHD 3. */
export function minorUnits(currency: string): number {
  const code = currency.trim().toUpperCase();
  if (!isCurrencyCode(code)) {
    throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  }
  return MINOR_UNITS.get(code) ?? 2;
}
