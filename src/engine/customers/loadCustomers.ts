import { isCurrencyCode } from '../money';
import type { Issue, WithIssues } from '../issues';
import { cell, type TableRows } from '../table';
import { requireColumns } from '../requireColumns';
import { CUSTOMERS_COLUMNS } from '../workbookLayout';
import type { CustomerAccount, CustomerDirectory } from './customerDirectory';

const COLUMNS = CUSTOMERS_COLUMNS;

/**
 * Reads the customers table `Customer, Account, SupportPlan, Currency` (ENGINE.md §4). Each bad
 * row is reported with its line and skipped; the rest still load.
 * - Customer and Account are required; an account given twice keeps its first row.
 * - SupportPlan applies to that row's account only; blank or `none` means no plan. Whether the
 *   plan exists is checked by the invoice run against its support-plans table.
 * - Currency: the first non-blank value among a customer's rows; a different one later is
 *   CURRENCY_CONFLICT.
 * - An all-digit account shorter than 12 digits is loaded as written with a warning: a
 *   spreadsheet probably dropped its leading zeros, and it will not match the billing data.
 */
export function loadCustomers(table: TableRows): WithIssues<CustomerDirectory> {
  const { columns, issues } = requireColumns(table, COLUMNS, ['Customer', 'Account'], 'a customers table');
  const directory: CustomerDirectory = { source: table.source, accounts: new Map(), currencies: new Map() };
  if (issues.length > 0) return { result: directory, issues };
  const currencyLine = new Map<string, number>();
  for (const row of table.rows) {
    const customer = cell(row, columns.Customer);
    const account = cell(row, columns.Account);
    const plan = cell(row, columns.SupportPlan);
    const currencyText = cell(row, columns.Currency);
    if (customer === '' && account === '' && plan === '' && currencyText === '') continue;
    const where = `${table.source} line ${row.line}`;
    const issue = (column: string, message: string, severity: Issue['severity'] = 'error', code: Issue['code'] = 'BAD_VALUE') =>
      issues.push({ code, severity, message, source: { file: table.source, line: row.line, column } });
    if (customer === '') {
      issue('Customer', `Account "${account}" in ${where} has no Customer; the row is skipped.`);
      continue;
    }
    if (account === '') {
      issue('Account', `Customer "${customer}" in ${where} has no Account; the row is skipped.`);
      continue;
    }
    const existing = directory.accounts.get(account);
    if (existing) {
      issue('Account', `Account ${account} in ${where} is already mapped to "${existing.customer}" on line ${existing.line}; the first row is kept.`);
      continue;
    }
    if (/^\d{1,11}$/.test(account)) {
      issue('Account', `Account "${account}" in ${where} has fewer than 12 digits; if a spreadsheet dropped its leading zeros, write it as text (e.g. ${account.padStart(12, '0')}).`, 'warning');
    }
    let currency: string | null = null;
    if (currencyText !== '') {
      currency = currencyText.toUpperCase();
      if (!isCurrencyCode(currency)) {
        issue('Currency', `Currency "${currencyText}" of customer "${customer}" in ${where} is not a three-letter ISO 4217 code; the row's currency is ignored.`);
        currency = null;
      }
    }
    if (currency !== null) {
      const known = directory.currencies.get(customer);
      if (known === undefined) {
        directory.currencies.set(customer, currency);
        currencyLine.set(customer, row.line);
      } else if (known !== currency) {
        issue('Currency', `Customer "${customer}" has currency ${currency} in ${where} but ${known} on line ${currencyLine.get(customer)}; ${known} is kept.`, 'error', 'CURRENCY_CONFLICT');
      }
    }
    const supportPlan = plan === '' || plan.toLowerCase() === 'none' ? null : plan;
    const entry: CustomerAccount = { customer, account, supportPlan, line: row.line };
    directory.accounts.set(account, entry);
  }
  return { result: directory, issues };
}
