import { expect, it } from 'vitest';
import { buildTestApp } from '../support/app.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';

describeOnDrivers('server skeleton', (ctx) => {
  it('answers /healthz with the driver in use', async () => {
    const app = await buildTestApp(ctx.database);
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: ctx.kind });
    await app.close();
  });

  it('answers unknown routes and malformed bodies with problem+json in Japanese and English', async () => {
    const app = await buildTestApp(ctx.database);
    const missing = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, code: 'route_not_found' });
    expect(missing.json().ja).toMatch(/ページ/);
    expect(missing.json().en).toMatch(/page/);
    await app.close();
  });

  it('lists municipalities without personal data', async () => {
    await newMunicipality(ctx.database.db);
    const app = await buildTestApp(ctx.database);
    const res = await app.inject({ method: 'GET', url: '/api/v1/municipalities' });
    expect(res.statusCode).toBe(200);
    expect(res.json().municipalities).toEqual([
      { code: '999997', name: '見本市', name_kana: 'みほんし', prefecture: '見本県' },
    ]);
    await app.close();
  });
});
