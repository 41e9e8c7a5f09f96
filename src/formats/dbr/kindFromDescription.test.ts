import { kindFromDescription } from './kindFromDescription';

describe('kindFromDescription', () => {
  it('kindFromDescription(text) finds tax, credit and refund as whole words in that order', () => {
    expect(['Sales TAX for May', 'Promotional credit', 'Refund of tax', 'Credit refund', 'Taxes', 'Credits', 'Syntax error']
      .map(kindFromDescription)).toEqual(['tax', 'credit', 'tax', 'credit', null, null, null]);
  });
});
