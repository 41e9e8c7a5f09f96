import type { BillingLine } from '../line';

/**
 * The fields the invoice run groups lines on (ENGINE.md §14, SCALE.md): lines of one file that
 * agree on all of them share a plan — customer, rule, category, destination — so the engine keeps
 * only exact sums per group. One definition for `LineGroup.fits`, the groups table's key columns
 * (`groupsTable.ts`), its reader and the SQL that writes it (`rerate sql`). The commitment owner
 * matters only under `commitments: owner-only` (`fits` skips it otherwise); the table always keeps it.
 */
export const GROUP_KEY_FIELDS = [
  'format', 'provider', 'payerAccount', 'account', 'period', 'kind', 'productCode', 'service', 'usageType',
  'operation', 'region', 'billingEntity', 'currency', 'commitmentOwner',
] as const satisfies readonly (keyof BillingLine)[];

export type GroupKeyField = (typeof GROUP_KEY_FIELDS)[number];

/** The key field compared only under owner-only. */
export const OWNER_ONLY_KEY_FIELD: GroupKeyField = 'commitmentOwner';

/** The key fields `fits` always compares. */
export const ALWAYS_KEY_FIELDS: readonly GroupKeyField[] = GROUP_KEY_FIELDS.filter((field) => field !== OWNER_ONLY_KEY_FIELD);

/** A group's key: the key fields of its lines. */
export type GroupKey = Pick<BillingLine, GroupKeyField>;
