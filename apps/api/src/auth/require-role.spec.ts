import { defaultRoleFor, roleAllows } from './require-role.decorator';

describe('roles', () => {
  it('ranks owner over editor over viewer, and refuses a caller with no role in the workspace', () => {
    expect(['owner', 'editor', 'viewer'].map((role) => roleAllows(role as 'owner', 'editor'))).toEqual([true, true, false]);
    expect(['owner', 'editor', 'viewer'].map((role) => roleAllows(role as 'owner', 'owner'))).toEqual([true, false, false]);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows(null, 'viewer')).toBe(false);
    expect(roleAllows(undefined, 'editor')).toBe(false);
  });

  it("lets any signed-in user call the routes about their own account, even outside every workspace", () => {
    expect(roleAllows(null, 'account')).toBe(true);
    expect(roleAllows('viewer', 'account')).toBe(true);
  });

  it('defaults reading to viewers and every change to editors', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].map(defaultRoleFor)).toEqual(['viewer', 'viewer', 'viewer']);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(defaultRoleFor)).toEqual(['editor', 'editor', 'editor', 'editor']);
  });
});
