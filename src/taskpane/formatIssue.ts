import type { Issue } from '../engine/issues';

/** An issue as one line that says where it is: `file:line: CODE message (×count)`, like the CLI. */
export function formatIssue(issue: Issue): string {
  const where = issue.source ? `${issue.source.file}:${issue.source.line}: ` : '';
  const count = issue.count && issue.count > 1 ? ` (×${issue.count.toLocaleString('en-US')})` : '';
  return `${where}${issue.code} ${issue.message}${count}`;
}

/** An exact decimal text with thousands separators and all its decimals: 12345.6789 → 12,345.6789. */
export function groupDigits(text: string): string {
  const [whole, fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}
