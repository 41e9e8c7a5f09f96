/**
 * Which Office host the page runs in, or `null` outside Office. Outside Office the office.js CDN
 * may be unreachable (`Office` undefined) or office.js may report `host: null`; either way the
 * pane shows "open me in Excel" instead of crashing, and a host that never answers counts as none.
 */
export async function waitForOfficeHost(timeoutMs = 10_000): Promise<string | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
  try {
    const ready = Office.onReady().then((info) => (info && info.host ? String(info.host) : null));
    return await Promise.race([ready, timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** True when Office says its theme is dark (or its body background is dark). */
export function isOfficeThemeDark(): boolean {
  try {
    const theme = typeof Office === 'undefined' ? undefined : Office.context?.officeTheme;
    if (!theme) return false;
    const flagged = (theme as { isDarkTheme?: unknown }).isDarkTheme;
    if (typeof flagged === 'boolean') return flagged;
    const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(theme.bodyBackgroundColor ?? '');
    if (!match) return false;
    const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
  } catch {
    return false;
  }
}
