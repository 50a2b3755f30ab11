import { describe, expect, it } from 'vitest';
import { checkService, progressLabel, serviceProgress } from './services';

describe('the 131 counter', () => {
  it('counts 1 guidance, 3 job offers and 1 training project', () => {
    const none = serviceProgress([]);
    expect(none).toMatchObject({ guidance: 0, jobOffers: 0, training: 0, complete: false });
    expect(none.missing).toEqual(['职业指导还差1次', '岗位信息还差3次', '培训项目还差1次']);
    const partial = serviceProgress(['guidance', 'job_offer', 'job_offer', 'training_referral']);
    expect(partial.missing).toEqual(['岗位信息还差1次']);
    expect(progressLabel(partial)).toBe('1/1 · 2/3 · 1/1');
    const full = serviceProgress(['guidance', 'job_offer', 'job_offer', 'job_offer', 'job_offer']);
    expect(full.complete).toBe(false);
    expect(serviceProgress(['guidance', 'job_offer', 'job_offer', 'job_offer'], 1).complete).toBe(true);
    expect(progressLabel(serviceProgress(['guidance', 'guidance', 'job_offer', 'job_offer', 'job_offer', 'job_offer'], 2))).toBe('1/1 · 3/3 · 1/1');
  });
  it('checks a service: a real date not after today, and a job offer with its employer and post', () => {
    const base = { personId: 1, date: '2022-05-01', kind: 'guidance' as const, employer: null, post: null, note: null };
    expect(checkService(base, '2022-12-31')).toEqual({});
    expect(checkService({ ...base, date: '2022-02-30' }, '2022-12-31').date?.code).toBe('BAD_DATE');
    expect(checkService({ ...base, date: '2023-01-01' }, '2022-12-31').date?.code).toBe('DATE_IN_FUTURE');
    expect(checkService({ ...base, kind: 'job_offer' }, '2022-12-31').employer?.code).toBe('SERVICE_OFFER_INCOMPLETE');
    expect(checkService({ ...base, kind: 'job_offer', employer: '卢龙县某食品公司' }, '2022-12-31').post?.message).toContain('岗位名称');
    expect(checkService({ ...base, kind: 'job_offer', employer: '卢龙县某食品公司', post: '包装工' }, '2022-12-31')).toEqual({});
  });
});
