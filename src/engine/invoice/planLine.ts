import type { BillingLine } from '../line';
import { isChargeable, type ChargeKind } from '../kinds';
import { basisField, type Basis, type BasisField } from '../basis';
import type { Settings } from '../settings';
import type { PriceBook, PriceRule } from '../pricebook/priceBook';
import { matchRule } from '../pricebook/matchRule';
import { customerOf, type CustomerDirectory } from '../customers/customerDirectory';
import { findSupportPlan, type SupportPlan, type SupportPlanTable } from '../support/supportPlans';
import { nextPeriod } from '../periods';

/**
 * Where a line goes (ENGINE.md §6–8), decided once per distinct key of match fields and reused
 * for every line with that key:
 * - `invoice`: priced by its rule (or passed through) onto an invoice line;
 * - `excluded`: a rule excludes it — not invoiced, its cost absorbed;
 * - `removed`: a setting removes it before the price book (credits retain, tax exclude);
 * - `policy-dropped`: owner-only leaves another customer's commitment negation off the invoice;
 * - `support-replaced`: a support line of an account with a plan, replaced by the plan's charge;
 * - `not-rated`: a rounding line — only control totals see it.
 */
export type Destination = 'invoice' | 'excluded' | 'removed' | 'policy-dropped' | 'support-replaced' | 'not-rated';

export interface LinePlan {
  customer: string;
  /** The line's account (its payer's when it has none). */
  account: string;
  destination: Destination;
  category: string;
  /** The account the invoice line carries: the line's with grain account, else null. */
  invoiceAccount: string | null;
  /** The line's period, or the next one for credits under `next-period`. */
  invoicePeriod: string;
  rule: PriceRule | null;
  /** The rule recorded on the line: its name, `(none)` when no rule matched, `support-plan`. */
  ruleName: string;
  basis: Basis;
  basisField: BasisField;
  /** owner-only moved this covered line to list cost because another customer owns the commitment. */
  policyAffected: boolean;
  ownerCustomer: string | null;
  /** owner-only was asked for a format that cannot support it (DBR). */
  policyUnsupported: boolean;
  /** The account's support plan (for a replaced support line, or a line in the plan's base). */
  supportPlan: SupportPlan | null;
  /** The line counts toward its account's support base (ENGINE.md §7). */
  supportBase: boolean;
  /** A support line of an account without a plan (SUPPORT_WITHOUT_PLAN). */
  supportWithoutPlan: boolean;
  /** A chargeable line no rule matched while a price book was given (NO_RULE). */
  noRule: boolean;
  /** The walk step of an adjustment line; null for chargeable lines. */
  adjustmentStep: 'credits' | 'tax' | null;
}

export interface PlanContext {
  priceBook: PriceBook | null;
  customers: CustomerDirectory | null;
  supportPlans: SupportPlanTable;
  settings: Settings;
}

export const NO_RULE_NAME = '(none)';
export const SUPPORT_RULE_NAME = 'support-plan';
export const CREDIT_FLOOR_RULE_NAME = 'credit-floor';

const SUPPORT_BASE_KINDS: ReadonlySet<ChargeKind> = new Set(['usage', 'ri-covered', 'sp-covered', 'sp-negation', 'ri-fee', 'sp-fee', 'upfront', 'fee']);

const ADJUSTMENT_CATEGORY: Partial<Record<ChargeKind, string>> = { credit: 'Credits', refund: 'Refunds', discount: 'Discounts', tax: 'Tax' };

/** The customer of a line: its account's, else its payer's; the id itself when unmapped. */
export function lineAccount(line: BillingLine): string {
  return line.account ?? line.payerAccount ?? '(no account)';
}

/** Support plans apply to AWS accounts only (FORMATS.md, FOCUS): other providers never count. */
function isAwsProvider(provider: string | null): boolean {
  return provider === null || /^(aws|amazon)/i.test(provider.trim());
}

export function supportPlanCategory(plan: SupportPlan): string {
  return `Support plan: ${plan.name}`;
}

export function planLine(line: BillingLine, context: PlanContext): LinePlan {
  const { settings } = context;
  const account = lineAccount(line);
  const customer = customerOf(context.customers, account);
  const kind = line.kind;
  const planName = context.customers?.accounts.get(account)?.supportPlan ?? null;
  const supportPlan = planName === null ? null : findSupportPlan(context.supportPlans, planName) ?? null;
  const plan: LinePlan = {
    customer,
    account,
    destination: 'invoice',
    category: line.service ?? line.productCode ?? '(unknown service)',
    invoiceAccount: settings.grain === 'account' ? line.account : null,
    invoicePeriod: line.period,
    rule: null,
    ruleName: NO_RULE_NAME,
    basis: 'unblended',
    basisField: 'unblendedCost',
    policyAffected: false,
    ownerCustomer: null,
    policyUnsupported: false,
    supportPlan: null,
    supportBase: false,
    supportWithoutPlan: false,
    noRule: false,
    adjustmentStep: null,
  };
  if (kind === 'rounding' || kind === 'total') {
    plan.destination = 'not-rated';
    return plan;
  }
  const adjustmentCategory = ADJUSTMENT_CATEGORY[kind];
  if (adjustmentCategory !== undefined) {
    plan.category = adjustmentCategory;
    if (kind === 'tax') {
      plan.adjustmentStep = 'tax';
      if (settings.tax === 'exclude') plan.destination = 'removed';
    } else {
      plan.adjustmentStep = 'credits';
      if (settings.credits === 'retain') plan.destination = 'removed';
      if (settings.credits === 'next-period') plan.invoicePeriod = nextPeriod(line.period);
    }
    // Settings act before the price book: a removed line is never matched.
    if (plan.destination === 'removed') return plan;
  }

  if (SUPPORT_BASE_KINDS.has(kind) && supportPlan !== null && line.billingEntity !== 'AWS Marketplace' && isAwsProvider(line.provider)) {
    plan.supportBase = true;
    plan.supportPlan = supportPlan;
  }
  if (kind === 'support') {
    if (supportPlan !== null) {
      plan.destination = 'support-replaced';
      plan.supportPlan = supportPlan;
      plan.ruleName = SUPPORT_RULE_NAME;
      plan.category = supportPlanCategory(supportPlan);
      return plan;
    }
    plan.supportWithoutPlan = true;
  }

  const isCommitmentLine = kind === 'ri-covered' || kind === 'sp-covered' || kind === 'sp-negation';
  if (settings.commitments === 'owner-only' && isCommitmentLine) {
    if (line.format === 'dbr' || line.format === 'dbr-monthly') {
      plan.policyUnsupported = true;
    } else if (line.commitmentOwner !== null) {
      const owner = customerOf(context.customers, line.commitmentOwner);
      if (owner !== customer) {
        plan.ownerCustomer = owner;
        plan.policyAffected = true;
        if (kind === 'sp-negation') {
          plan.destination = 'policy-dropped';
          return plan;
        }
      }
    }
  }

  if (context.priceBook !== null) {
    plan.rule = matchRule(context.priceBook, {
      customer, account: line.account, productCode: line.productCode, usageType: line.usageType,
      operation: line.operation, region: line.region, kind, billingEntity: line.billingEntity, period: line.period,
    });
  }
  if (plan.rule !== null) {
    plan.ruleName = plan.rule.name;
    plan.basis = plan.rule.basis;
    if (plan.rule.method === 'exclude') plan.destination = 'excluded';
  } else if (context.priceBook !== null && isChargeable(kind)) {
    plan.noRule = true;
  }
  // owner-only: the consumer's covered line takes its list cost under every basis (ENGINE.md §6).
  plan.basisField = plan.policyAffected ? 'listCost' : basisField(kind, plan.basis);
  return plan;
}
