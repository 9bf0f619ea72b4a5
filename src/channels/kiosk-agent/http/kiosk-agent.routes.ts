import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseInput } from '../../../shared/validation.js';
import { SimulatedCardReader } from '../devices/card-reader.js';
import { SimulatedCashUnit } from '../devices/cash-unit.js';
import { SimulatedPrinter } from '../devices/printer.js';
import { agentRefusal } from '../domain/agent-errors.js';
import type { KioskAgent } from '../use-cases/kiosk-agent.js';
import {
  emptyBodySchema,
  menuBodySchema,
  orderBodySchema,
  pinBodySchema,
  registrationBodySchema,
  sessionEndBodySchema,
  simulatedCardBodySchema,
  simulatedCashBodySchema,
  simulatedPrinterBodySchema,
} from './kiosk-agent.schemas.js';

export interface KioskAgentRoutesOptions {
  /** The terminal's agent; without one the screen is told the terminal is not set up. */
  agent?: KioskAgent | undefined;
}

/**
 * The kiosk screen's backend (register with prefix /kiosk-agent, same origin
 * as /kiosk/). The screen talks only to this; the agent signs and forwards to
 * the kiosk API and drives the devices. Only the terminal's own page may call
 * it: JSON bodies (a cross-site form cannot send them without a preflight)
 * and no cross-site fetches. Answers are never cached: they carry a
 * resident's data. Simulator routes (/sim/*) exist only for simulated devices.
 *
 *   GET  /status            terminal kind, timeouts, simulated devices
 *   GET  /state             card present, session, payment progress, sale
 *   POST /card/check        read the card, have the server check it
 *   POST /pin               { pin }
 *   POST /menu              { municipalityCode? }: certificates, fees, household (or register)
 *   POST /quote             { municipalityCode?, options, copies }
 *   POST /payment           { municipalityCode?, options, copies }: fix the order, open the cash unit
 *   POST /payment/cancel    give the money back
 *   POST /sale              issue, give change, print
 *   POST /sale/reprint      print a failed print again (within the window)
 *   POST /sale/refund       pay back a certificate that did not print
 *   POST /koseki-registrations/municipalities   where a 利用者登録申請 can go
 *   POST /koseki-registrations/status           the holder's own applications
 *   POST /koseki-registrations  { municipalityCode, honseki, hittosha }: apply
 *   POST /session/end       { reason }
 *   POST /activity          the screen was touched
 */
export const kioskAgentRoutes: FastifyPluginAsync<KioskAgentRoutesOptions> = async (app, options) => {
  const agent = options.agent;
  if (agent) agent.attach(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      throw agentRefusal('kiosk_agent.cross_site');
    if (request.method === 'POST' && !isJson(request)) throw agentRefusal('kiosk_agent.cross_site');
  });
  app.addHook('onClose', async () => {
    await agent?.close();
  });

  app.get('/status', async () => (agent ? agent.status() : { configured: false }));

  const need = (): KioskAgent => {
    if (!agent) throw agentRefusal('kiosk_agent.not_configured');
    return agent;
  };
  const empty = (request: FastifyRequest) => parseInput(emptyBodySchema, request.body ?? {}, 'body');

  app.get('/state', async () => need().state());

  app.post('/card/check', async (request) => {
    empty(request);
    return need().checkCard();
  });

  app.post('/pin', async (request) => {
    const body = parseInput(pinBodySchema, request.body ?? {}, 'body');
    return need().enterPin(body.pin);
  });

  app.post('/menu', async (request) => {
    const body = parseInput(menuBodySchema, request.body ?? {}, 'body');
    return need().menu(body.municipalityCode);
  });

  app.post('/quote', async (request) => {
    const body = parseInput(orderBodySchema, request.body ?? {}, 'body');
    return need().quote(body);
  });

  app.post('/payment', async (request) => {
    const body = parseInput(orderBodySchema, request.body ?? {}, 'body');
    return need().startPayment(body);
  });

  app.post('/payment/cancel', async (request) => {
    empty(request);
    return need().cancelPayment();
  });

  app.post('/sale', async (request) => {
    empty(request);
    return need().completeSale();
  });

  app.post('/sale/reprint', async (request) => {
    empty(request);
    return need().reprint();
  });

  app.post('/sale/refund', async (request) => {
    empty(request);
    return need().refund();
  });

  app.post('/koseki-registrations/municipalities', async (request) => {
    empty(request);
    return need().registrationMunicipalities();
  });

  app.post('/koseki-registrations/status', async (request) => {
    empty(request);
    return need().registrationStatus();
  });

  app.post('/koseki-registrations', async (request, reply) => {
    const body = parseInput(registrationBodySchema, request.body ?? {}, 'body');
    const answer = (await need().applyForRegistration(body)) as { replayed?: boolean };
    return reply.status(answer.replayed ? 200 : 201).send(answer);
  });

  app.post('/session/end', async (request) => {
    const body = parseInput(sessionEndBodySchema, request.body ?? {}, 'body');
    return need().endSession(body.reason);
  });

  app.post('/activity', async (request) => {
    empty(request);
    need().touch();
    return { ok: true };
  });

  // ------------------------------------------------------------------ simulated devices

  app.post('/sim/card', async (request) => {
    const body = parseInput(simulatedCardBodySchema, request.body ?? {}, 'body');
    const reader = need().devices.cardReader;
    if (!(reader instanceof SimulatedCardReader)) throw agentRefusal('kiosk_agent.not_simulated');
    try {
      await reader.place(body.id);
    } catch (error) {
      throw agentRefusal('kiosk_agent.card_unreadable', { cause: error });
    }
    return need().state();
  });

  app.post('/sim/card/take', async (request) => {
    empty(request);
    const reader = need().devices.cardReader;
    if (!(reader instanceof SimulatedCardReader)) throw agentRefusal('kiosk_agent.not_simulated');
    reader.take();
    return need().state();
  });

  app.post('/sim/cash', async (request) => {
    const body = parseInput(simulatedCashBodySchema, request.body ?? {}, 'body');
    const current = need();
    const cash = current.devices.cashUnit;
    if (!(cash instanceof SimulatedCashUnit)) throw agentRefusal('kiosk_agent.not_simulated');
    current.touch();
    const result = cash.insert(body.yen);
    if (!result.accepted)
      throw agentRefusal('kiosk_agent.cash_refused', { extra: { yen: body.yen, reason: result.reason } });
    return current.state();
  });

  app.post('/sim/printer', async (request) => {
    const body = parseInput(simulatedPrinterBodySchema, request.body ?? {}, 'body');
    const printer = need().devices.printer;
    if (!(printer instanceof SimulatedPrinter)) throw agentRefusal('kiosk_agent.not_simulated');
    printer.failNext(body.fail, body.times);
    return { ok: true };
  });
};

function isJson(request: FastifyRequest): boolean {
  return /^application\/json\b/i.test(request.headers['content-type'] ?? '');
}
