/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ImportProgress } from '../excel/importLines';
import { ImportProgressView, importProgressCaption } from './ImportProgressView';

const writing: ImportProgress = { stage: 'writing', rowsWritten: 12_000, rowsTotal: 100_000, bytesWritten: 3_400_000 };

function show(progress: ImportProgress | null, cancelling = false, onCancel = () => undefined) {
  return render(<FluentProvider theme={webLightTheme}><ImportProgressView progress={progress} cancelling={cancelling} onCancel={onCancel} /></FluentProvider>);
}

describe('ImportProgressView', () => {
  test('importProgressCaption(progress) says the stage, or the rows written of the total and the MB sent', () => {
    expect(importProgressCaption(null)).toBe('Preparing the workbook…');
    expect(importProgressCaption({ stage: 'preparing', rowsWritten: 0, rowsTotal: null, bytesWritten: 0 })).toBe('Preparing the workbook…');
    expect(importProgressCaption(writing)).toBe('Writing 12,000 of 100,000 rows · 3.4 MB sent');
    expect(importProgressCaption({ stage: 'writing', rowsWritten: 0, rowsTotal: 1_281, bytesWritten: 0 })).toBe('Writing 0 of 1,281 rows · 0.0 MB sent');
    expect(importProgressCaption({ stage: 'finishing', rowsWritten: 100_000, rowsTotal: 100_000, bytesWritten: 0 })).toBe('Finishing…');
  });

  test('the bar is determinate: rows written of rows to write, empty while preparing, full while finishing', () => {
    const bar = () => screen.getByRole('progressbar', { name: 'Importing into Lines' }).getAttribute('aria-valuenow');
    const view = show(writing);
    expect(bar()).toBe('0.12');
    expect(screen.getByText('Writing 12,000 of 100,000 rows · 3.4 MB sent').getAttribute('aria-live')).toBe('polite');
    view.rerender(<FluentProvider theme={webLightTheme}><ImportProgressView progress={{ stage: 'preparing', rowsWritten: 0, rowsTotal: null, bytesWritten: 0 }} cancelling={false} onCancel={() => undefined} /></FluentProvider>);
    expect(bar()).toBe('0');
    view.rerender(<FluentProvider theme={webLightTheme}><ImportProgressView progress={{ stage: 'finishing', rowsWritten: 5, rowsTotal: 5, bytesWritten: 10 }} cancelling={false} onCancel={() => undefined} /></FluentProvider>);
    expect(bar()).toBe('1');
  });

  test('Cancel calls onCancel once; while cancelling it is disabled and the caption says so', () => {
    const onCancel = jest.fn();
    const view = show(writing, false, onCancel);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    view.rerender(<FluentProvider theme={webLightTheme}><ImportProgressView progress={writing} cancelling onCancel={onCancel} /></FluentProvider>);
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Cancelling: removing what was written…')).toBeTruthy();
  });
});
