// The kiosk agent's public surface: the devices, the agent and its routes, the demo terminal.

export {
  type CardReaderDevice,
  type SimulatedCard,
  type SimulatedCardInfo,
  SimulatedCardReader,
} from './devices/card-reader.js';
export {
  ACCEPTED_YEN,
  type CashEvent,
  type CashUnit,
  type Dispensed,
  payoutPieces,
  SimulatedCashUnit,
} from './devices/cash-unit.js';
export { type Printer, type PrintFailure, type PrintResult, SimulatedPrinter } from './devices/printer.js';
export { type KioskAgentRoutesOptions, kioskAgentRoutes } from './http/kiosk-agent.routes.js';
export {
  chooseDemoResidents,
  createDemoKioskAgent,
  type DemoKioskAgentOptions,
} from './use-cases/create-demo-kiosk-agent.js';
export {
  type AgentState,
  DEFAULT_KIOSK_TIMEOUTS,
  KioskAgent,
  type KioskAgentOptions,
  type KioskOrder,
  type KioskTimeouts,
  type PaymentState,
  type SaleOutcome,
  type SessionEnd,
} from './use-cases/kiosk-agent.js';
export {
  httpTransport,
  inProcessTransport,
  KioskApiClient,
  type KioskApiTransport,
} from './use-cases/kiosk-api-client.js';
