import { isOfficeThemeDark, waitForOfficeHost } from './officeHost';

const globals = globalThis as unknown as { Office?: unknown };

describe('waitForOfficeHost', () => {
  afterEach(() => { delete globals.Office; });

  test('waitForOfficeHost() without office.js (CDN unreachable) answers null at once', async () => {
    await expect(waitForOfficeHost()).resolves.toBeNull();
  });

  test('waitForOfficeHost() inside Excel answers "Excel"', async () => {
    globals.Office = { onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }) };
    await expect(waitForOfficeHost()).resolves.toBe('Excel');
  });

  test('waitForOfficeHost() with office.js outside Office (host null) answers null', async () => {
    globals.Office = { onReady: async () => ({ host: null, platform: null }) };
    await expect(waitForOfficeHost()).resolves.toBeNull();
  });

  test('waitForOfficeHost(timeout) answers null when Office never gets ready', async () => {
    globals.Office = { onReady: () => new Promise(() => undefined) };
    await expect(waitForOfficeHost(20)).resolves.toBeNull();
  });

  test('waitForOfficeHost() answers null when onReady throws', async () => {
    globals.Office = { onReady: () => { throw new Error('broken'); } };
    await expect(waitForOfficeHost()).resolves.toBeNull();
  });
});

describe('isOfficeThemeDark', () => {
  afterEach(() => { delete globals.Office; });

  test('isOfficeThemeDark() follows isDarkTheme, else the body background’s lightness', () => {
    expect(isOfficeThemeDark()).toBe(false);
    globals.Office = { context: { officeTheme: { isDarkTheme: true, bodyBackgroundColor: '#ffffff' } } };
    expect(isOfficeThemeDark()).toBe(true);
    globals.Office = { context: { officeTheme: { bodyBackgroundColor: '#1f1f1f' } } };
    expect(isOfficeThemeDark()).toBe(true);
    globals.Office = { context: { officeTheme: { bodyBackgroundColor: '#F3F2F1' } } };
    expect(isOfficeThemeDark()).toBe(false);
  });
});
