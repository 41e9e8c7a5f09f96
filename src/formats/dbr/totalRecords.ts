/** DBR and monthly-report RecordTypes that carry totals (kind `total`, never rated). */
export function isTotalRecord(recordType: string): boolean {
  return recordType === 'StatementTotal' || recordType === 'InvoiceTotal' || recordType === 'AccountTotal';
}

/**
 * The account of a row: its linked account, else the payer's — except on invoice and statement
 * totals, which belong to no account (the payer would show up as an extra account).
 */
export function recordAccount(recordType: string, linked: string | null, payer: string | null): string | null {
  return linked ?? (recordType === 'InvoiceTotal' || recordType === 'StatementTotal' ? null : payer);
}
