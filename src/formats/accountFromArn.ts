/** The account id inside an ARN (`arn:aws:ec2:us-east-1:123456789012:reserved-instances/…`), or null. */
export function accountFromArn(arn: string | null): string | null {
  if (arn === null || !arn.startsWith('arn:')) return null;
  let start = 0;
  for (let field = 0; field < 4; field += 1) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return null;
  }
  const end = arn.indexOf(':', start);
  if (end < 0) return null;
  const account = arn.slice(start, end);
  return account.length > 0 ? account : null;
}
