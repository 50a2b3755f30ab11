// zod's messages in Chinese for every door: a refused input never shows a user "Too small: expected string".
// Set once where the contract is defined, so the engine and the renderer both speak it.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '是或否', array: '列表', object: '内容', date: '日期', null: '空值' };

function chinese(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '不能为空' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少${issue.minimum}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少要有${issue.minimum}项`;
      return `不能小于${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${issue.maximum}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多${issue.maximum}项`;
      return `不能大于${issue.maximum}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'not_multiple_of':
      return `应为${issue.divisor}的整数倍`;
    default:
      return '填写有误';
  }
}

z.config({ customError: chinese });
