import { describe, expect, it } from 'vitest';
import { resolveTypedTownship, villageDisplayName, villageKey, villageMatcher, villageParts } from './division';

const TOWNSHIPS = [
  { code: '130324100000', name: '卢龙镇' },
  { code: '130324102000', name: '燕河营镇' },
  { code: '130324200000', name: '印庄镇' },
];

describe('village names as people write them', () => {
  it('strips every trailing 村民委员会/居民委员会/村委会/居委会/社区/村 layer, on both sides', () => {
    expect(villageKey('龙城园区社区居委会')).toBe('龙城园区');
    expect(villageKey('龙城园区社区村')).toBe('龙城园区');
    expect(villageKey('龙城园区社区')).toBe('龙城园区');
    expect(villageKey('石门村村民委员会')).toBe('石门');
    expect(villageKey('村')).toBe('村');
    expect(villageParts('高井社区居委会')).toEqual({ base: '高井', layers: 'CC' });
    expect(villageParts('龙城园区社区村')).toEqual({ base: '龙城园区', layers: 'CV' });
    const find = villageMatcher([{ code: 'a', name: '龙城园区社区' }, { code: 'b', name: '石门村' }]);
    for (const typed of ['龙城园区社区居委会', '龙城园区社区村', '龙城园区', ' 龙城园区 社区 ']) expect(find(typed)).toEqual({ code: 'a' });
    expect(find('石门村民委员会')).toEqual({ code: 'b' });
    expect(find('石佛')).toBeNull();
  });

  it('tells a community from the village of the same base by the typed layers, and never guesses between equals', () => {
    const find = villageMatcher([{ code: 'c', name: '高井社区居委会' }, { code: 'v', name: '高井村委会' }]);
    expect(find('高井社区')).toEqual({ code: 'c' });
    expect(find('高井社区居委会村')).toEqual({ code: 'c' });
    expect(find('高井村')).toEqual({ code: 'v' });
    expect(find('高井村委会社区')).toEqual({ code: 'v' });
    const twins = villageMatcher([{ code: 'x', name: '桥头村' }, { code: 'y', name: '桥头村委会' }]);
    expect(twins('桥头村民委员会')).toEqual({ ambiguous: ['桥头村', '桥头村委会'] });
  });

  it('shows 社区居委会 as 社区 once', () => {
    expect(villageDisplayName('龙城园区社区居委会')).toBe('龙城园区社区');
    expect(villageDisplayName('石门村委会')).toBe('石门村');
    expect(villageDisplayName('桥头居委会')).toBe('桥头社区');
  });
});

describe('township codes as people type them', () => {
  it('accepts 12-, 9- and 6-digit codes and names (current, former, with the county before)', () => {
    const aliases = [{ alias: '印庄乡', code: '130324200000' }];
    const resolve = (typed: string) => resolveTypedTownship(typed, '130324000000', TOWNSHIPS, aliases);
    expect(resolve('130324100000')).toBe('130324100000');
    expect(resolve('130324100')).toBe('130324100000');
    expect(resolve('100000')).toBe('130324100000');
    expect(resolve(' 130324 102 ')).toBe('130324102000');
    expect(resolve('燕河营镇')).toBe('130324102000');
    expect(resolve('燕河营')).toBe('130324102000');
    expect(resolve('卢龙县燕河营镇')).toBe('130324102000');
    expect(resolve('河北省秦皇岛市卢龙县印庄乡')).toBe('130324200000');
    expect(resolve('印庄乡')).toBe('130324200000');
  });

  it('refuses what is not a township of the county: the county itself, another county, unknown names, other lengths', () => {
    const resolve = (typed: string) => resolveTypedTownship(typed, '130324000000', TOWNSHIPS);
    for (const typed of ['130324', '130324000000', '130325100', '130324999', '1303241', '石门镇', '']) expect(resolve(typed), typed).toBeNull();
  });
});
