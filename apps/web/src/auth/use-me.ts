import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@provod/contracts';
import { ApiError } from '../api/client';
import { api, keys } from '../api/endpoints';

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api.me();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** After sign-in, sign-up or a workspace switch: the new Me is the truth, and every other cached answer belongs to the old session. */
export function useAdoptMe() {
  const client = useQueryClient();
  return (me: Me | null) => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
    client.setQueryData(keys.me, me);
  };
}
