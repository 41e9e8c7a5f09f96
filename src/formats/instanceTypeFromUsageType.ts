/** The instance type of `BoxUsage:<type>` / `HeavyUsage:<type>` usage types (any region prefix). */
export function instanceTypeFromUsageType(usageType: string | null): string | null {
  if (usageType === null) return null;
  let at = usageType.indexOf('BoxUsage:');
  if (at >= 0) at += 9;
  else {
    at = usageType.indexOf('HeavyUsage:');
    if (at < 0) return null;
    at += 11;
  }
  const type = usageType.slice(at);
  return type.length > 0 ? type : null;
}
