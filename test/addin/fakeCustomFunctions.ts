/**
 * A stand-in for Excel's `CustomFunctions` global in Jest: the error class and codes the DBR
 * functions return, and a registry recording `associate` calls. Importing this module installs
 * it, so import it before src/functions/functions.ts (which registers on load).
 */
export class FakeExcelError {
  constructor(readonly code: string, readonly message?: string) {}
}

export const fakeRegistry = new Map<string, unknown>();

const fake = {
  Error: FakeExcelError,
  ErrorCode: {
    invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!',
    nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!',
  },
  associate(id: string, implementation: unknown) {
    fakeRegistry.set(id, implementation);
  },
};

(globalThis as unknown as { CustomFunctions: typeof fake }).CustomFunctions = fake;

/** Removes the fake, as on a page outside Excel. */
export function uninstallFakeCustomFunctions(): void {
  delete (globalThis as unknown as { CustomFunctions?: unknown }).CustomFunctions;
}

/** Puts the fake back after `uninstallFakeCustomFunctions`. */
export function reinstallFakeCustomFunctions(): void {
  (globalThis as unknown as { CustomFunctions: typeof fake }).CustomFunctions = fake;
}
