import { apiFetch } from './api';

/** A municipality as GET /api/v1/municipalities lists it (public data only). */
export interface Municipality {
  code: string;
  name: string;
  name_kana: string;
  prefecture: string;
}

export async function fetchMunicipalities(signal?: AbortSignal): Promise<Municipality[]> {
  const body = await apiFetch<{ municipalities: Municipality[] }>('/api/v1/municipalities', { signal });
  return body.municipalities;
}
