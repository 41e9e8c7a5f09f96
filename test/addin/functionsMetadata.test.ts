/**
 * functions.json comes from the JSDoc tags of src/functions/functions.ts. The generator's CLI
 * exits 0 even when it reports errors, so the metadata is checked here through its API.
 */
import { resolve } from 'node:path';
import { generateCustomFunctionsMetadata, type ICustomFunctionsMetadata } from 'custom-functions-metadata';
import './fakeCustomFunctions';
import { DBR_FUNCTIONS } from '../../src/functions/functions';

const file = resolve(__dirname, '../../src/functions/functions.ts');

/**
 * Every DBR function in file order (= registration order): its parameters as
 * `name:dimensionality:type[?]` and its result's dimensionality. Add a function here when you
 * declare it in functions.ts; the tests below check the generated metadata against this list.
 */
const DBR_FUNCTION_SHAPES: Record<string, { parameters: string[]; result: string }> = {
  ROUND: { parameters: ['amount:matrix:any', 'currency:scalar:string?', 'mode:scalar:string?'], result: 'matrix' },
  FX: { parameters: ['amount:matrix:any', 'rate:matrix:any'], result: 'matrix' },
  MARGIN: { parameters: ['cost:matrix:any', 'price:matrix:any'], result: 'matrix' },
  MARKUP: { parameters: ['cost:matrix:any', 'price:matrix:any'], result: 'matrix' },
  PENNY: { parameters: ['amounts:matrix:any', 'total:scalar:number', 'currency:scalar:string?'], result: 'matrix' },
  RERATE: { parameters: ['lines:matrix:any', 'priceBook:matrix:any', 'customers:matrix:any?', 'period:scalar:string?'], result: 'matrix' },
  INVOICE: {
    parameters: ['lines:matrix:any', 'priceBook:matrix:any', 'customers:matrix:any?', 'settings:matrix:any?', 'fxRates:matrix:any?', 'supportPlans:matrix:any?', 'precise:scalar:boolean?'],
    result: 'matrix',
  },
  RIALLOC: { parameters: ['usage:matrix:any', 'reservations:matrix:any', 'noSharingAccounts:matrix:any?'], result: 'matrix' },
  SPALLOC: { parameters: ['usage:matrix:any', 'savingsPlans:matrix:any'], result: 'matrix' },
  SUPPORT: { parameters: ['plan:scalar:string', 'charges:matrix:any', 'supportPlans:matrix:any?'], result: 'matrix' },
  BLENDED: { parameters: ['costs:matrix:any', 'quantities:matrix:any'], result: 'matrix' },
  NORMFACTOR: { parameters: ['instanceType:matrix:any'], result: 'matrix' },
};

describe('custom functions metadata', () => {
  let errors: string[];
  let metadata: ICustomFunctionsMetadata;
  let associations: { id: string; functionName: string }[];

  beforeAll(async () => {
    const generated = await generateCustomFunctionsMetadata(file);
    errors = generated.errors;
    metadata = JSON.parse(generated.metadataJson || '{"functions":[]}') as ICustomFunctionsMetadata;
    associations = generated.associate;
  });

  test('generateCustomFunctionsMetadata(functions.ts) reports no errors', () => {
    expect(errors).toEqual([]);
  });

  test('the ids are upper case and match the functions registered at run time', () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(Object.keys(DBR_FUNCTION_SHAPES));
    expect(metadata.functions.map((f) => f.name)).toEqual(Object.keys(DBR_FUNCTIONS));
    for (const { id, functionName } of associations) {
      expect((DBR_FUNCTIONS as Record<string, { name: string }>)[id].name).toBe(functionName);
    }
  });

  test('parameters take ranges (matrix) where the spec says so, optional ones are optional, and every result spills (matrix)', () => {
    const shape = Object.fromEntries(metadata.functions.map((f) => [
      f.id,
      { parameters: f.parameters.map((p) => `${p.name}:${p.dimensionality ?? 'scalar'}:${p.type}${p.optional ? '?' : ''}`), result: f.result?.dimensionality },
    ]));
    expect(shape).toEqual(DBR_FUNCTION_SHAPES);
  });

  test('every function and parameter has a description for the formula autocomplete', () => {
    for (const f of metadata.functions) {
      expect(f.description).toBeTruthy();
      for (const p of f.parameters) expect(p.description).toBeTruthy();
    }
  });
});
