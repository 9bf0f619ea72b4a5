import { useEffect, useMemo } from 'react';

/** A blob: URL for base64 PDF bytes, revoked when the component goes away. */
export function usePdfUrl(base64: string | undefined): string | undefined {
  const url = useMemo(() => {
    if (!base64) return undefined;
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  }, [base64]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}
