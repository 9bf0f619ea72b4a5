/** The mail channel (郵送請求): its staff routes. */

export { type MailBalance, mailBalance } from './domain/mail-money.js';
export { type MailRoutesOptions, mailRoutes } from './http/mail.routes.js';
