/**
 * The text forms of precise and rounded figures live with the money (`money/formatPrecise.ts`): the
 * control totals and issue messages use them too. Re-exported here for the JSON contract's importers.
 */
export { formatPrecise, formatAmount, PRECISE_MIN_DECIMALS } from '../money/formatPrecise';
