export * from './data/records.repository.js';
export * from './data/resident.repository.js';
export { readResidentRecord } from './use-cases/read-resident-record.js';
export { type ResidentSearchInput, searchResidents } from './use-cases/search-residents.js';
