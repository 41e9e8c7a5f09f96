/** One account's row of the customers table. */
export interface CustomerAccount {
  customer: string;
  account: string;
  /** The support plan named on this account's row (as written), or null. */
  supportPlan: string | null;
  /** Table row, for issues. */
  line: number;
}

/**
 * Accounts to customers (ENGINE.md §4): who is billed for an account, the account's support plan
 * and each customer's invoice currency.
 */
export interface CustomerDirectory {
  source: string;
  accounts: Map<string, CustomerAccount>;
  /** Invoice currency per customer, when the table gives one. */
  currencies: Map<string, string>;
}

/** The customer billed for an account: the table's, else the account id itself. */
export function customerOf(directory: CustomerDirectory | null, account: string): string {
  return directory?.accounts.get(account)?.customer ?? account;
}
