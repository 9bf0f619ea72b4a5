import { useCallback, useState } from 'react';

/**
 * The state every console form keeps while it sends something: busy while the
 * work runs (buttons disabled), and the failure to show when it throws.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, setFailure, run };
}
