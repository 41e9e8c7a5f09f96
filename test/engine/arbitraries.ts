import fc from 'fast-check';

/** Decimal text as billing files write it: sign, up to 15 digits, up to 12 decimals. */
export const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 12 }))
  .map(([negative, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });

/** The same numbers in exponent form, e.g. `1.8E-9`. */
export const exponentText = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 999999 }), fc.integer({ min: -15, max: 6 }))
  .map(([negative, lead, rest, exponent]) => `${negative ? '-' : ''}${lead}.${rest}E${exponent}`);

/** A non-negative cost with up to 10 decimals, as CUR writes it. */
export const costText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 10 }))
  .map(([units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  });
