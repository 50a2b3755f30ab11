import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitTransfer } from './transfer';

describe('splitTransfer', () => {
  it('sends the whole 实发 of an approved line with a card', () => {
    expect(splitTransfer({ netFen: 65000, cardNumber: '6217000000001234', status: 'paid' }, true)).toEqual({ transferFen: 65000, withheldFen: 0, reason: null });
  });
  it('holds back a line without a card, and any line of an unapproved month', () => {
    expect(splitTransfer({ netFen: 65000, cardNumber: null, status: 'paid' }, true)).toEqual({ transferFen: 0, withheldFen: 65000, reason: 'NO_CARD' });
    expect(splitTransfer({ netFen: 65000, cardNumber: ' ', status: 'paid' }, true).reason).toBe('NO_CARD');
    expect(splitTransfer({ netFen: 65000, cardNumber: '6217', status: 'paid' }, false)).toEqual({ transferFen: 0, withheldFen: 65000, reason: 'NOT_APPROVED' });
  });
  it('says why a line pays nothing', () => {
    expect(splitTransfer({ netFen: 0, cardNumber: '6217', status: 'no_attendance' }, true).reason).toBe('NO_ATTENDANCE');
    expect(splitTransfer({ netFen: 0, cardNumber: '6217', status: 'outside_agreement' }, true).reason).toBe('OUTSIDE_AGREEMENT');
    expect(splitTransfer({ netFen: -100, cardNumber: '6217', status: 'adjustment_only' }, true)).toEqual({ transferFen: 0, withheldFen: 0, reason: 'NET_NEGATIVE' });
  });
  it('never loses a fen: sent + held back = 实发 whenever 实发 is positive', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.option(fc.string()), fc.boolean(), (netFen, card, approved) => {
      const split = splitTransfer({ netFen, cardNumber: card, status: 'paid' }, approved);
      return split.transferFen + split.withheldFen === netFen && split.transferFen >= 0 && split.withheldFen >= 0;
    }));
  });
});
