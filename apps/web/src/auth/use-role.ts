import type { WorkspaceRole } from '../api/endpoints';
import { useMe } from './use-me';

const RANK: Record<WorkspaceRole, number> = { viewer: 1, editor: 2, owner: 3 };

/**
 * The caller's role in the current workspace and what it allows, to hide or disable what the
 * server would refuse anyway (the server's session guard is what enforces it).
 */
export function useRole() {
  const me = useMe();
  const role = me.data?.workspaces.find((w) => w.id === me.data?.currentWorkspaceId)?.role ?? null;
  const atLeast = (wanted: WorkspaceRole) => role !== null && RANK[role] >= RANK[wanted];
  return { role, isOwner: atLeast('owner'), canEdit: atLeast('editor') };
}
