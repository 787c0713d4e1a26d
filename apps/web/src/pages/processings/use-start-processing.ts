import type { ProcessingView, ReadinessProblem } from '@provod/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';

/**
 * Start, and when the server refuses because the processing cannot work, the list of what to fix
 * (read back from the readiness check, which answers with the same list). Other errors go to `onError`.
 */
export function useStartProcessing(processingId: string, handlers: { onStarted: (p: ProcessingView) => void; onError: (error: unknown) => void }) {
  const [problems, setProblems] = useState<ReadinessProblem[] | null>(null);
  const start = useMutation({
    mutationFn: () => api.start(processingId),
    onSuccess: handlers.onStarted,
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 400) {
        const report = await api.readiness(processingId).catch(() => null);
        if (report && report.problems.length > 0) return setProblems(report.problems);
      }
      handlers.onError(error);
    },
  });
  return { start, problems, closeProblems: () => setProblems(null) };
}
