/**
 * Associates each DBR function with its id, when the page runs inside Excel's custom-functions
 * runtime. Outside it (a browser, a test, the task pane opened on its own) `CustomFunctions` is
 * undefined and there is nothing to register — which must not throw, or the shared page breaks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerFunctions(functions: Readonly<Record<string, (...args: any[]) => unknown>>): string[] {
  if (typeof CustomFunctions === 'undefined' || typeof CustomFunctions.associate !== 'function') return [];
  for (const [id, implementation] of Object.entries(functions)) CustomFunctions.associate(id, implementation);
  return Object.keys(functions);
}
