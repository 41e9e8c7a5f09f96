/**
 * Fills a new sheet through a hidden staging sheet and swaps it in only when the fill completed:
 * `replaceSheet(context, 'Lines', fill)` writes `~Lines`, then deletes the old `Lines`, renames
 * `~Lines` to `Lines` and puts it where the old one was. A failure or a cancel during the fill
 * deletes the staging sheet, so the workbook is left as it was.
 */
export async function replaceSheet<T>(
  context: Excel.RequestContext,
  name: string,
  fill: (staging: Excel.Worksheet) => Promise<T>,
): Promise<T> {
  const sheets = context.workbook.worksheets;
  const stagingName = stagingSheetName(name);

  // A staging sheet left by a crashed run is removed first.
  const leftover = sheets.getItemOrNullObject(stagingName);
  leftover.load('isNullObject');
  await context.sync();
  if (!leftover.isNullObject) {
    leftover.delete();
    await context.sync();
  }

  const staging = sheets.add(stagingName);
  staging.visibility = 'Hidden';
  await context.sync();

  let result: T;
  try {
    result = await fill(staging);
  } catch (error) {
    staging.delete();
    await context.sync();
    throw error;
  }

  const previous = sheets.getItemOrNullObject(name);
  previous.load('isNullObject, position');
  await context.sync();
  // Visible first: Excel refuses to delete the last visible sheet.
  staging.visibility = 'Visible';
  if (!previous.isNullObject) previous.delete();
  staging.name = name;
  if (!previous.isNullObject) staging.position = previous.position;
  await context.sync();
  return result;
}

/** Excel sheet names are at most 31 characters. */
export function stagingSheetName(name: string): string {
  return `~${name}`.slice(0, 31);
}
