import { formatIssueLine, type Issue } from '../engine/issues';

/** Issues listed at most, as the CLI prints them; then a count of the rest. */
export const ISSUES_SHOWN = 20;

/** The first 20 issues as `file:line: CODE message (N times)`, control characters escaped, then `… and N more`. */
export function IssueLines({ issues, className }: { issues: readonly Issue[]; className?: string }) {
  return (
    <ul className={className}>
      {issues.slice(0, ISSUES_SHOWN).map((issue, index) => <li key={index}>{formatIssueLine(issue)}</li>)}
      {issues.length > ISSUES_SHOWN && <li>{`… and ${(issues.length - ISSUES_SHOWN).toLocaleString('en-US')} more`}</li>}
    </ul>
  );
}
