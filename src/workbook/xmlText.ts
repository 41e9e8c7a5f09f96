import type { Issue } from '../engine/issues';
import type { WorkbookModel } from './workbookModel';

/**
 * Characters XML 1.0 cannot hold (so neither can an xlsx's shared strings): C0 controls but tab,
 * LF and CR, U+FFFE, U+FFFF, and surrogates not in a pair. LibreOffice drops every string after
 * the first malformed one, so one bad product name would blank the rest of the workbook.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with each character XML forbids replaced by U+FFFD; the same string when there is none. */
export function replaceXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '\ufffd');
}

/**
 * Replaces, in place, the characters XML forbids in every text of the model — string cells and
 * column headers — with U+FFFD, and returns how many texts held one (0: the model is unchanged).
 * Formulas are built by the workbook itself from cell references, never from file text.
 */
export function sanitizeWorkbookText(model: WorkbookModel): number {
  let replaced = 0;
  const clean = (text: string): string => {
    const safe = replaceXmlForbidden(text);
    if (safe !== text) replaced++;
    return safe;
  };
  for (const sheet of model.sheets) {
    for (const column of sheet.columns) column.header = clean(column.header);
    for (const row of sheet.rows) {
      row.forEach((cell, i) => {
        if (typeof cell === 'string') row[i] = clean(cell);
      });
    }
  }
  return replaced;
}

/** The one warning a run gets when its workbook's texts held characters a workbook cannot hold. */
export function xmlForbiddenIssue(count: number): Issue {
  return {
    code: 'BAD_VALUE',
    severity: 'warning',
    message: `${count} text value${count === 1 ? '' : 's'} held characters a workbook cannot hold; they were replaced with U+FFFD.`,
  };
}
