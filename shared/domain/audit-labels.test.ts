import { describe, expect, it } from 'vitest';
import { auditChanges, auditSummary } from './audit-labels';

describe('audit entries as a person reads them', () => {
  it('says 登录 once for a login', () => {
    expect(auditSummary('session', 'login', null)).toBe('登录');
    expect(auditSummary('person', 'update', JSON.stringify({ name: '张三' }))).toBe('修改人员：张三');
    expect(auditSummary('user', 'reset-password', JSON.stringify({ username: 'lr2' }))).toBe('重置密码：lr2');
  });
  it('lists only the changed fields, with Chinese labels and values', () => {
    const before = JSON.stringify({ id: 7, name: '张三', labour_ability: '普通劳动力', phone: '13800000000', updated_at: 'x' });
    const after = JSON.stringify({ id: 7, name: '张三', labour_ability: '弱劳动力或半劳动力', phone: '13800000000', updated_at: 'y' });
    expect(auditChanges(before, after)).toEqual([{ field: 'labour_ability', label: '劳动能力', before: '普通劳动力', after: '弱劳动力或半劳动力' }]);
  });
  it('shows money in yuan, roles and townships by name', () => {
    expect(auditChanges(null, JSON.stringify({ role: 'clerk', netFen: 65000, townships: ['130324102000'] }), (_f, v) => (v === '130324102000' ? '燕河营镇' : null)))
      .toEqual([
        { field: 'role', label: '角色', before: '', after: '录入员' },
        { field: 'netFen', label: '实发金额（元）', before: '', after: '650.00' },
        { field: 'townships', label: '负责乡镇', before: '', after: '燕河营镇' },
      ]);
  });
});
