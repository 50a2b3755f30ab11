// The roles' Chinese names, and the words a refusal uses to say who can do what was refused.
export type RoleName = 'clerk' | 'manager' | 'admin';

export const ROLE_NAMES: Record<RoleName, string> = { clerk: '录入员', manager: '审核员', admin: '管理员' };

/** FORBIDDEN's {who}: "：只有审核员或管理员可以进行此操作"; for a channel open to everyone, logging in is what is missing. */
export function whoCan(access: 'public' | 'any' | readonly RoleName[]): string {
  if (access === 'public' || access === 'any') return '：请先登录';
  return `：只有${access.map((r) => ROLE_NAMES[r]).join('或')}可以进行此操作`;
}
