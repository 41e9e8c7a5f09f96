/**
 * AWS region billing codes: the prefix of a DBR UsageType (`USW2-BoxUsage:m4.large`) names the
 * region. AWS lists them as "Region billing codes" in its global infrastructure documentation;
 * keep this table current when AWS opens a region. A UsageType without such a prefix
 * (`BoxUsage:t2.micro`, `TimedStorage-ByteHrs`) is US East (N. Virginia).
 */
const REGION_BY_BILLING_CODE: Record<string, string> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  UGW1: 'us-gov-west-1',
  UGE1: 'us-gov-east-1',
  CAN1: 'ca-central-1',
  CAN2: 'ca-west-1',
  MXC1: 'mx-central-1',
  SAE1: 'sa-east-1',
  EU: 'eu-west-1',
  EUW1: 'eu-west-1',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  EUC1: 'eu-central-1',
  EUC2: 'eu-central-2',
  EUN1: 'eu-north-1',
  EUS1: 'eu-south-1',
  EUS2: 'eu-south-2',
  AFS1: 'af-south-1',
  MES1: 'me-south-1',
  MEC1: 'me-central-1',
  ILC1: 'il-central-1',
  APE1: 'ap-east-1',
  APE2: 'ap-east-2',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
  APN3: 'ap-northeast-3',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APS4: 'ap-southeast-3',
  APS5: 'ap-south-2',
  APS6: 'ap-southeast-4',
  APS7: 'ap-southeast-5',
  APS8: 'ap-southeast-6',
  APS9: 'ap-southeast-7',
  CNN1: 'cn-north-1',
  CNW1: 'cn-northwest-1',
};

const REGION_CODES = new Map(Object.entries(REGION_BY_BILLING_CODE));

/** The region a billing code names (`APS3` → `ap-south-1`), or null for an unknown code. */
export function regionOfBillingCode(code: string): string | null {
  return REGION_CODES.get(code) ?? null;
}

/**
 * The region of a DBR UsageType: the text before the first `-` when it is a billing code,
 * else `us-east-1` (AWS writes no prefix for N. Virginia). Blank usage type → null.
 */
export function regionFromUsageType(usageType: string): string | null {
  if (usageType.length === 0) return null;
  const dash = usageType.indexOf('-');
  if (dash > 0 && dash <= 4) {
    const region = REGION_CODES.get(usageType.slice(0, dash));
    if (region !== undefined) return region;
  }
  return 'us-east-1';
}

/** Every region code the table knows, for documentation and tests. */
export function knownRegions(): string[] {
  return [...new Set(REGION_CODES.values())].sort();
}
