// The three roles of SPEC §1, spelled once: what is stored in users.role, and the Chinese a user reads.
export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = { clerk: '录入员', manager: '审核员', admin: '管理员' };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** FORBIDDEN's {who}: "：只有审核员或管理员可以进行此操作"; for a channel open to everyone, logging in is what is missing. */
export function whoCan(access: 'public' | 'any' | readonly Role[]): string {
  if (access === 'public' || access === 'any') return '：请先登录';
  return `：只有${access.map((r) => ROLE_NAMES[r]).join('或')}可以进行此操作`;
}
