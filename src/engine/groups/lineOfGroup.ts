import type { BillingLine } from '../line';
import { GROUP_KEY_FIELDS } from './groupKey';
import type { PricingGroup } from './pricingGroup';

/** The line a group stands for as far as pricing looks: its key fields and first line, every other field null. */
export function lineOfGroup(group: PricingGroup): BillingLine {
  const line: BillingLine = {
    source: { file: group.source.file, line: group.source.line }, format: group.format, period: group.period, payerAccount: null,
    account: null, kind: group.kind, productCode: null, service: null, usageType: null, operation: null, availabilityZone: null,
    region: null, instanceType: null, platform: null, tenancy: null, billingEntity: null, usageAmount: null, unblendedRate: null,
    unblendedCost: null, blendedRate: null, blendedCost: null, listCost: null, amortizedCost: null, commitmentArn: null,
    commitmentOwner: null, currency: group.currency, invoiceId: null, provider: null, description: null, resourceId: null, tags: null,
  };
  for (const field of GROUP_KEY_FIELDS) (line as unknown as Record<string, unknown>)[field] = group[field];
  return line;
}
