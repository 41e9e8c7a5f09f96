/** The public API of the pricing engine: the CLI, the custom functions and the task pane import from here. */
export * from './money';
export type { BillingLine, BillingFormat, DecimalText, SourceRef } from './line';
export { BILLING_FORMATS } from './line';
export * from './kinds';
export { ISSUE_CODES, IssueLog, RerateError } from './issues';
export type { Issue, IssueCode, Severity, WithIssues } from './issues';
export type { TableRows, TableRow } from './table';
export { columnIndexes, cell } from './table';

export { DEFAULT_SETTINGS, SETTING_NAMES, loadSettings, parseSettingValue, mergeSettings } from './settings';
export type { Settings, CreditsPolicy, TaxPolicy, CommitmentsPolicy, Grain } from './settings';
export { BASES, isBasis, basisField, basisAmountText } from './basis';
export type { Basis, BasisField } from './basis';
export { isPeriod, nextPeriod } from './periods';

export { loadCustomers } from './customers/loadCustomers';
export { customerOf } from './customers/customerDirectory';
export type { CustomerDirectory, CustomerAccount } from './customers/customerDirectory';

export { loadPriceBook } from './pricebook/loadPriceBook';
export { matchRule, ruleMatches } from './pricebook/matchRule';
export type { RuleQuery } from './pricebook/matchRule';
export { priceRule } from './pricebook/priceRule';
export { parseRuleValue } from './pricebook/parseRuleValue';
export { compileGlob, globMatches, globsOverlap } from './pricebook/glob';
export { PRICE_METHODS, MATCH_FIELDS } from './pricebook/priceBook';
export type { PriceBook, PriceRule, PriceMethod } from './pricebook/priceBook';

export { BUILT_IN_SUPPORT_PLANS, findSupportPlan } from './support/supportPlans';
export type { SupportPlan, SupportPlanTable, SupportTier, SupportScope } from './support/supportPlans';
export { loadSupportPlans, parseTiers } from './support/loadSupportPlans';
export { supportCharge } from './support/supportCharge';

export { loadFxRates } from './fx/loadFxRates';
export { lookupFxRate } from './fx/fxTable';
export type { FxTable } from './fx/fxTable';

export { blendedRate } from './blended';

export { BILLING_LINES_COLUMNS, BILLING_LINES_HEADER, BILLING_LINES_REQUIRED, billingLineToRow, loadBillingLines } from './lines/billingLinesTable';
export type { BillingLinesColumn, BillingLinesField, BillingLinesKind, LoadBillingLinesOptions } from './lines/billingLinesTable';

export { createInvoiceRun } from './invoice/createInvoiceRun';
export { configFromTables } from './inMemory/configFromTables';
export type { ConfigTables } from './inMemory/configFromTables';
export { rateLines, rateLine, createLineRater, invoiceLines } from './inMemory/rateLines';
export type { RatedLine, RateLinesOptions } from './inMemory/rateLines';
export { priceLine, createLinePricer } from './invoice/priceLine';
export type { PricedLine, PriceLineOptions } from './invoice/priceLine';
export { NO_RULE_NAME, SUPPORT_RULE_NAME, CREDIT_FLOOR_RULE_NAME } from './invoice/planLine';
export type { Destination } from './invoice/planLine';
export type {
  InvoiceRun, InvoiceRunConfig, InvoiceRunPart, LineGroupPart, InvoiceRunResult, Invoice, InvoiceLine, CarriedCredit, DrillRow, RetainedBenefit, RuleHit,
} from './invoice/invoiceTypes';

export { WALK_STEPS, WALK_SUBTOTALS } from './reconcile/varianceWalk';
export type { VarianceWalk, WalkStep, WalkStepName } from './reconcile/varianceWalk';
export { controlTotals, skippedCost } from './reconcile/controlTotals';
export type { ReadControl } from './reconcile/controlTotals';

export { invoiceRunToJson, issueToJson } from './json/invoiceRunToJson';
export type { ControlRow } from './json/invoiceRunToJson';
export { walksToJson } from './json/walksToJson';
export { formatPrecise, formatAmount, PRECISE_MIN_DECIMALS } from './json/formatPrecise';

export * from './commitments';
export * from './workbookLayout';

export { GROUP_KEY_FIELDS, ALWAYS_KEY_FIELDS, OWNER_ONLY_KEY_FIELD } from './groups/groupKey';
export type { GroupKey, GroupKeyField } from './groups/groupKey';
export type { PricingGroup } from './groups/pricingGroup';
export { createGroupTally } from './groups/groupTally';
export type { GroupTally } from './groups/groupTally';
export { lineOfGroup } from './groups/lineOfGroup';
export {
  GROUPS_FORMAT, GROUPS_VERSION, GROUPS_RECORD_COLUMN, GROUPS_COLUMNS, GROUP_MEASURE_COLUMNS, groupKeyColumn, groupRow, controlRow, issueRow,
} from './groups/groupsTable';
export type { GroupsRecord } from './groups/groupsTable';
