import { LIVE_INVOICE_FORMULA, liveInvoiceSheet } from './liveInvoice';

describe('liveInvoiceSheet', () => {
  test('DBR.INVOICE over every model table by name, header rows included, at A3', () => {
    expect(LIVE_INVOICE_FORMULA).toBe('DBR.INVOICE(BillingLines[#All],PriceBook[#All],Customers[#All],Settings[#All],FxRates[#All],SupportPlans[#All])');
    const sheet = liveInvoiceSheet();
    expect(sheet.name).toBe('Invoice');
    expect(sheet.rows[1][0]).toEqual({ formula: LIVE_INVOICE_FORMULA });
  });
});
