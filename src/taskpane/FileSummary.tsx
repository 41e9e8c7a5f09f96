import {
  Caption1, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Table, TableBody, TableCell, TableRow, makeStyles, tokens,
} from '@fluentui/react-components';
import { escapeUntrusted, formatIssueLine } from '../engine/issues';
import { groupDigits } from './formatIssue';
import type { AnalyzedFile } from './importCore';

const ISSUES_SHOWN = 20;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  label: { width: '40%', color: tokens.colorNeutralForeground2 },
  figure: { fontVariantNumeric: 'tabular-nums', wordBreak: 'break-all' },
  leftOut: { color: tokens.colorStatusWarningForeground1 },
});

/** Values from the file, on one line with control characters escaped. */
function list(values: string[], none: string): string {
  return values.length === 0 ? none : escapeUntrusted(values.join(', '));
}

/** One picked file as read: what it holds, the rows each grain writes, its problems, and why it is left out if it is. */
export function FileSummary({ summary, leftOut }: { summary: AnalyzedFile; leftOut?: string }) {
  const styles = useStyles();
  const name = escapeUntrusted(summary.file);
  const errors = summary.issues.filter((issue) => issue.severity === 'error').length;
  const groups = summary.groupsTable;
  const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
  const facts: [string, string][] = [
    ['Format', groups === undefined ? summary.format ?? 'not recognised' : `groups table: ${count(groups.groups, 'group')} from ${count(groups.sources, 'source file')}`],
    ['Periods', list(summary.periods, 'none')],
    ['Payer accounts', list(summary.payerAccounts, 'none')],
    ['Accounts', `${summary.accounts.length.toLocaleString('en-US')}${summary.accounts.length > 0 && summary.accounts.length <= 5 ? ` (${list(summary.accounts, '')})` : ''}`],
    ['Rows', summary.rowsRead.toLocaleString('en-US')],
    ['Rows skipped', summary.rowsSkipped.toLocaleString('en-US')],
    ['Σ unblended', groupDigits(summary.unblendedRead)],
    ['Rows at each grain', groups === undefined
      ? `${summary.rowsAtGrain.line.toLocaleString('en-US')} every line · ${summary.rowsAtGrain.month.toLocaleString('en-US')} per pricing group and month`
      : `${summary.rowsAtGrain.month.toLocaleString('en-US')} per pricing group and month, for ${count(groups.lines, 'source line')} · none every line: a groups table holds sums, not lines`],
  ];
  return (
    <article aria-label={`Summary of ${name}`} data-testid="file-summary" className={styles.root}>
      <Subtitle2 as="h3">{name}</Subtitle2>
      {leftOut !== undefined && (
        <Caption1 className={styles.leftOut} data-testid="left-out">{`Left out: ${escapeUntrusted(leftOut)}`}</Caption1>
      )}
      <Table size="small" aria-label={`What ${name} holds`}>
        <TableBody>
          {facts.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell className={styles.label}>{label}</TableCell>
              <TableCell className={styles.figure} data-fact={label}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {summary.issues.length > 0 && (
        <MessageBar intent={errors > 0 ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${summary.issues.length} problem${summary.issues.length === 1 ? '' : 's'} found`}</MessageBarTitle>
            <ul>
              {summary.issues.slice(0, ISSUES_SHOWN).map((issue, index) => <li key={index}>{formatIssueLine(issue)}</li>)}
              {summary.issues.length > ISSUES_SHOWN && <li>{`… and ${summary.issues.length - ISSUES_SHOWN} more`}</li>}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </article>
  );
}
