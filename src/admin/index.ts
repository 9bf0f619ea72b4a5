/** The administrators' screens: fees and campaigns, opening hours and calendar, the town's kiosks. */
export { type AdminRoutesOptions, adminRoutes } from './http/admin.routes.js';
export {
  FALLBACK_SERVICE_HOURS,
  loadServiceHours,
  type ServiceHoursProvider,
  serviceHoursProvider,
} from './use-cases/load-service-hours.js';
