/**
 * Every row belongs to a workspace. Until accounts exist, every request acts in the default one,
 * created by the first migration; the lookup goes through this one function so it has one place to change.
 */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

export function currentWorkspaceId(): string {
  return DEFAULT_WORKSPACE_ID;
}
