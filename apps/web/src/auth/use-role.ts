import type { WorkspaceRole } from '@provod/contracts';
import { useMe } from './use-me';

/**
 * The caller's role in the current workspace and what it allows, to hide what the server would
 * refuse anyway (the API's session guard is what enforces roles). Editing is hidden only from a
 * known viewer: while the role is not known yet, nothing flickers away and the server decides.
 * Owner-only things show only to a known owner.
 */
export function useRole(): { role: WorkspaceRole | null; isOwner: boolean; canEdit: boolean } {
  const me = useMe();
  const role = me.data?.workspaces.find((w) => w.id === me.data?.currentWorkspaceId)?.role ?? null;
  return { role, isOwner: role === 'owner', canEdit: role !== 'viewer' };
}
