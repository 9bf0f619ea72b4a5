import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildConsoleTestApp,
  type ConsoleTestApp,
} from '../../src/channels/counter/testing/console-test-app.js';
import type { IssuanceDeps } from '../../src/issuance/use-cases/issue-certificate.js';
import { ensureDemoStaff, type Permission, ROLES, type Role } from '../../src/staff/index.js';
import { asStaff, logInAs } from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newMunicipality, newResident } from '../support/factories.js';

// What each role may do, written out here independently of permissions.ts.
const GRANTED: Record<Role, Permission[]> = {
  counter: ['resident.read', 'certificate.issue.counter', 'mail.register'],
  review: ['resident.read', 'override.approve'],
  admin: ['fees.manage', 'calendars.manage', 'kiosks.manage'],
  audit: [],
  stats: [],
};

const ID = '00000000-0000-4000-8000-000000000000';
type Route = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown; needs: Permission };

/** Every route of the counter, mail and admin plugins, with the permission it needs. */
const ROUTES: Route[] = [
  { method: 'GET', url: '/api/v1/counter/residents?name=x', needs: 'resident.read' },
  { method: 'GET', url: '/api/v1/counter/residents/1', needs: 'resident.read' },
  { method: 'GET', url: '/api/v1/counter/registers?honseki=x', needs: 'resident.read' },
  { method: 'POST', url: '/api/v1/counter/transactions', body: {}, needs: 'certificate.issue.counter' },
  { method: 'GET', url: '/api/v1/counter/transactions', needs: 'certificate.issue.counter' },
  { method: 'GET', url: `/api/v1/counter/transactions/${ID}`, needs: 'certificate.issue.counter' },
  {
    method: 'POST',
    url: `/api/v1/counter/transactions/${ID}/lines`,
    body: {},
    needs: 'certificate.issue.counter',
  },
  { method: 'DELETE', url: `/api/v1/counter/transactions/${ID}/lines/1`, needs: 'certificate.issue.counter' },
  {
    method: 'POST',
    url: `/api/v1/counter/transactions/${ID}/lines/1/review`,
    body: { note: 'x' },
    needs: 'certificate.issue.counter',
  },
  {
    method: 'POST',
    url: `/api/v1/counter/transactions/${ID}/pay`,
    body: { method: 'cash' },
    needs: 'certificate.issue.counter',
  },
  {
    method: 'POST',
    url: `/api/v1/counter/transactions/${ID}/cancel`,
    body: { reason: 'x' },
    needs: 'certificate.issue.counter',
  },
  {
    method: 'GET',
    url: `/api/v1/counter/transactions/${ID}/receipt.pdf`,
    needs: 'certificate.issue.counter',
  },
  {
    method: 'GET',
    url: `/api/v1/counter/transactions/${ID}/lines/1/certificate.pdf`,
    needs: 'certificate.issue.counter',
  },
  { method: 'GET', url: '/api/v1/counter/notices', needs: 'certificate.issue.counter' },
  { method: 'GET', url: `/api/v1/counter/notices/${ID}/pdf`, needs: 'certificate.issue.counter' },
  {
    method: 'POST',
    url: `/api/v1/counter/notices/${ID}/printed`,
    body: {},
    needs: 'certificate.issue.counter',
  },
  { method: 'GET', url: '/api/v1/counter/reviews', needs: 'override.approve' },
  { method: 'GET', url: `/api/v1/counter/reviews/${ID}`, needs: 'override.approve' },
  {
    method: 'POST',
    url: `/api/v1/counter/reviews/${ID}/approve`,
    body: { reason: '確認しました' },
    needs: 'override.approve',
  },
  {
    method: 'POST',
    url: `/api/v1/counter/reviews/${ID}/reject`,
    body: { reason: '確認しました' },
    needs: 'override.approve',
  },
  { method: 'POST', url: '/api/v1/mail/requests', body: {}, needs: 'mail.register' },
  { method: 'GET', url: '/api/v1/mail/requests', needs: 'mail.register' },
  { method: 'GET', url: `/api/v1/mail/requests/${ID}`, needs: 'mail.register' },
  { method: 'POST', url: `/api/v1/mail/requests/${ID}/check`, body: {}, needs: 'mail.register' },
  {
    method: 'POST',
    url: `/api/v1/mail/requests/${ID}/items/1/review`,
    body: { note: 'x' },
    needs: 'mail.register',
  },
  {
    method: 'POST',
    url: `/api/v1/mail/requests/${ID}/remittances`,
    body: { kind: 'additional', amount: 1 },
    needs: 'mail.register',
  },
  { method: 'POST', url: `/api/v1/mail/requests/${ID}/issue`, body: {}, needs: 'mail.register' },
  { method: 'GET', url: `/api/v1/mail/requests/${ID}/items/1/certificate.pdf`, needs: 'mail.register' },
  {
    method: 'POST',
    url: `/api/v1/mail/requests/${ID}/post`,
    body: { method: 'regular' },
    needs: 'mail.register',
  },
  {
    method: 'POST',
    url: `/api/v1/mail/requests/${ID}/return`,
    body: { reason: 'xx' },
    needs: 'mail.register',
  },
  { method: 'GET', url: '/api/v1/mail/letters', needs: 'mail.register' },
  { method: 'GET', url: `/api/v1/mail/letters/${ID}/pdf`, needs: 'mail.register' },
  { method: 'POST', url: `/api/v1/mail/letters/${ID}/printed`, body: {}, needs: 'mail.register' },
  { method: 'GET', url: '/api/v1/admin/fees', needs: 'fees.manage' },
  {
    method: 'GET',
    url: '/api/v1/admin/fees/price?certificate=juminhyo&channel=counter',
    needs: 'fees.manage',
  },
  { method: 'POST', url: '/api/v1/admin/fees/changes', body: {}, needs: 'fees.manage' },
  { method: 'POST', url: '/api/v1/admin/fees/campaigns', body: {}, needs: 'fees.manage' },
  { method: 'POST', url: '/api/v1/admin/fees/campaigns/none/end', body: {}, needs: 'fees.manage' },
  { method: 'POST', url: '/api/v1/admin/fees/campaigns/none/withdraw', body: {}, needs: 'fees.manage' },
  { method: 'GET', url: '/api/v1/admin/hours', needs: 'calendars.manage' },
  { method: 'PUT', url: '/api/v1/admin/hours', body: {}, needs: 'calendars.manage' },
  { method: 'GET', url: '/api/v1/admin/hours/history', needs: 'calendars.manage' },
  { method: 'GET', url: '/api/v1/admin/hours/calendar?month=2026-11', needs: 'calendars.manage' },
  {
    method: 'GET',
    url: '/api/v1/admin/hours/check?channel=counter&at=2026-11-24T10:00:00%2B09:00',
    needs: 'calendars.manage',
  },
  { method: 'GET', url: '/api/v1/admin/kiosks', needs: 'kiosks.manage' },
  { method: 'POST', url: '/api/v1/admin/kiosks', body: {}, needs: 'kiosks.manage' },
  {
    method: 'POST',
    url: '/api/v1/admin/kiosks/no-such-kiosk/out-of-service',
    body: { reason: 'x' },
    needs: 'kiosks.manage',
  },
  { method: 'POST', url: '/api/v1/admin/kiosks/no-such-kiosk/in-service', body: {}, needs: 'kiosks.manage' },
  { method: 'GET', url: '/api/v1/admin/kiosks/no-such-kiosk/history', needs: 'kiosks.manage' },
];

describeOnDrivers('counter, mail and admin routes: who may do what', (ctx) => {
  let engine: IssuanceDeps;
  let c: ConsoleTestApp;

  beforeAll(async () => {
    engine = await createTestEngine(ctx.database);
    c = await buildConsoleTestApp(ctx.database, engine);
  });
  afterAll(async () => {
    await c.app.close();
  });

  it.each(ROLES)(
    '%s: refused (403) every route whose permission the role lacks, and let through the others',
    async (role) => {
      for (const route of ROUTES) {
        const res = await c.as(role, route.method, route.url, route.body);
        const label = `${role} ${route.method} ${route.url}`;
        if (GRANTED[role].includes(route.needs)) {
          expect(res.statusCode, `${label}: ${res.body}`).not.toBe(403);
          expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
          continue;
        }
        expect(res.statusCode, label).toBe(403);
        expect(res.json(), label).toMatchObject({ code: 'staff.permission_denied', permission: route.needs });
      }
    },
  );

  it('without a session every route answers 401, and a write without the CSRF token 403', async () => {
    for (const route of ROUTES) {
      const res = await c.app.inject({
        method: route.method,
        url: route.url,
        ...(route.body !== undefined ? { payload: route.body as Record<string, unknown> } : {}),
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    const noCsrf = await asStaff(
      c.t,
      c.sessions.counter,
      'POST',
      '/api/v1/counter/transactions',
      {},
      { csrf: null },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('staff.csrf_invalid');
  });

  it('a clerk of another town sees none of this town’s visits, requests, reviews, people or kiosks', async () => {
    const person = await newResident(ctx.database.db, { support_measure: true });
    const tx = await c.as('counter', 'POST', '/api/v1/counter/transactions', {
      idempotencyKey: 'tenant-visit-0001',
      requester: { name: '第三者', identityDocument: '運転免許証' },
    });
    const txId = tx.json().transactionId as string;
    await c.as('counter', 'POST', `/api/v1/counter/transactions/${txId}/lines`, {
      subject: { residentId: person.resident_id },
      relation: 'third_party',
      lawfulReason: { kind: 'exercise_of_rights', detail: '訴訟提起のため必要' },
      options: { certificate: 'juminhyo', scope: 'members', residentIds: [person.resident_id] },
    });
    const review = await c.as('counter', 'POST', `/api/v1/counter/transactions/${txId}/lines/1/review`, {
      note: '確認をお願いします',
    });
    const mail = await c.as('counter', 'POST', '/api/v1/mail/requests', {
      idempotencyKey: 'tenant-mail-0001',
      receivedOn: '2026-11-24',
      requester: { name: '郵送　太郎', address: '見本市', identityDocument: '免許証の写し' },
      returnAddress: { address: '見本市', name: '郵送　太郎' },
      enclosed: 300,
      items: [
        {
          subject: { residentId: person.resident_id },
          relation: 'self',
          options: { certificate: 'juminhyo', scope: 'household' },
        },
      ],
    });
    expect(mail.statusCode).toBe(201);

    await newMunicipality(ctx.database.db, '920002');
    const others = await ensureDemoStaff(c.t.deps, '920002');
    const login = async (role: Role) =>
      logInAs(c.t, { ...others.find((o) => o.role === role)!, municipalityCode: '920002' });
    const clerk = await login('counter');
    const reviewer = await login('review');
    const admin = await login('admin');

    const fromThere = [
      [clerk, 'GET', `/api/v1/counter/transactions/${txId}`],
      [clerk, 'POST', `/api/v1/counter/transactions/${txId}/pay`, { method: 'cash', tendered: 300 }],
      [clerk, 'GET', `/api/v1/counter/residents/${person.resident_id}`],
      [clerk, 'GET', `/api/v1/mail/requests/${mail.json().requestId}`],
      [clerk, 'POST', `/api/v1/mail/requests/${mail.json().requestId}/check`, {}],
      [reviewer, 'GET', `/api/v1/counter/reviews/${review.json().overrideId}`],
      [
        reviewer,
        'POST',
        `/api/v1/counter/reviews/${review.json().overrideId}/approve`,
        { reason: '他の町から承認' },
      ],
    ] as const;
    for (const [who, method, url, body] of fromThere) {
      const res = await asStaff(c.t, who, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await asStaff(c.t, clerk, 'GET', '/api/v1/counter/transactions?mine=false');
    expect(list.json().transactions).toEqual([]);
    const reviews = await asStaff(c.t, reviewer, 'GET', '/api/v1/counter/reviews');
    expect(reviews.json().reviews).toEqual([]);
    const fees = await asStaff(c.t, admin, 'GET', '/api/v1/admin/fees');
    expect(fees.json().rules).toEqual([]);
  });
});
