import { describe, expect, it } from 'vitest';
import { type CardRegistration, standingOf, standingRefusal } from './kiosk-standing.js';

const NOW = new Date('2026-11-24T01:00:00Z');
const CERT = 'cert-1';

function row(over: Partial<CardRegistration>): CardRegistration {
  return {
    registration_id: `r-${Math.random()}`,
    certificate_serial: CERT,
    status: 'pending',
    applied_at: new Date('2026-11-20T01:00:00Z'),
    decided_at: null,
    koseki_id: null,
    member_no: null,
    usable_from: null,
    rejection_reason: null,
    rejection_note: null,
    ...over,
  };
}

const approved = (usableFrom: Date, over: Partial<CardRegistration> = {}) =>
  row({ status: 'approved', decided_at: NOW, koseki_id: 7, member_no: 2, usable_from: usableFrom, ...over });

describe('where a card holder stands at a 本籍地', () => {
  it('is usable only with an approved registration past its usable_from', () => {
    expect(standingOf([approved(NOW)], CERT, NOW)).toMatchObject({
      kind: 'usable',
      registration: { koseki_id: 7, member_no: 2 },
    });
    const later = new Date(NOW.getTime() + 1000);
    expect(standingOf([approved(later)], CERT, NOW)).toEqual({ kind: 'not_yet_usable', usableFrom: later });
  });

  it('reports pending, the latest rejection, or nothing', () => {
    expect(standingOf([row({})], CERT, NOW).kind).toBe('pending');
    const rejected = row({
      status: 'rejected',
      decided_at: NOW,
      rejection_reason: 'other',
      rejection_note: '確認できません',
    });
    expect(standingOf([rejected], CERT, NOW)).toEqual({
      kind: 'rejected',
      reason: 'other',
      note: '確認できません',
    });
    // Re-applied after the rejection: the new application is what counts.
    expect(standingOf([rejected, row({ applied_at: NOW })], CERT, NOW).kind).toBe('pending');
    expect(standingOf([], CERT, NOW).kind).toBe('none');
  });

  it('ignores registrations of the card’s previous certificate, and says so', () => {
    expect(standingOf([approved(NOW, { certificate_serial: 'old' })], CERT, NOW).kind).toBe('renewed');
    expect(standingOf([row({ certificate_serial: 'old' })], CERT, NOW).kind).toBe('none');
  });

  it('refuses in Japanese and English with the engine’s codes, the rejection reason and the usable date', () => {
    const pending = standingRefusal({ kind: 'pending' }, '見本市');
    expect(pending.code).toBe('koseki_user_registration_pending');
    expect(pending.ja).toMatch(/見本市.*審査中/);
    expect(pending.en).toMatch(/being reviewed/);
    const rejected = standingRefusal({ kind: 'rejected', reason: 'hittosha_mismatch', note: null }, '見本市');
    expect(rejected.code).toBe('koseki_user_registration_rejected');
    expect(rejected.ja).toContain('筆頭者の誤り');
    expect(rejected.extra.reason).toBe('hittosha_mismatch');
    const waiting = standingRefusal(
      { kind: 'not_yet_usable', usableFrom: new Date('2026-11-28T15:00:00Z') },
      '見本市',
    );
    expect(waiting.ja).toContain('令和8年11月29日から');
    expect(waiting.extra.usableOn).toBe('2026-11-29');
    expect(standingRefusal({ kind: 'none' }, '見本市').code).toBe('koseki_user_registration_required');
  });
});
