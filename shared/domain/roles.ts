// The three roles of SPEC §1, spelled once: what is stored in users.role, and the Chinese a user reads.
export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = { clerk: '录入员', manager: '审核员', admin: '管理员' };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
