import { describe, expect, it } from 'vitest';
import { createNameIndex, findCustomerInText, type NamedCustomer } from '../../../src/domain/insight/customer-names.ts';
import { normalizeText } from '../../../src/domain/insight/normalize.ts';

const customers: NamedCustomer[] = [
  { id: 'c-hx', name: '恒信精密机械有限公司', ownerId: 'li', aliases: ['恒信'] },
  { id: 'c-hx-med', name: '恒信医疗器械有限公司', ownerId: 'wang', aliases: ['恒信医疗'] },
  { id: 'c-rk', name: '瑞康医院', ownerId: 'wang', aliases: ['瑞康'] },
  { id: 'c-rk-2', name: '瑞康集团', ownerId: 'li', aliases: ['瑞康'] },
  { id: 'c-acme', name: 'ACME Corp', ownerId: 'li', aliases: ['ACME'] },
];
const index = createNameIndex(customers);
const find = (text: string, owner?: string) => findCustomerInText(index, normalizeText(text).match, owner)?.id ?? null;

describe('findCustomerInText', () => {
  it('finds a customer by alias or full name anywhere in the line', () => {
    expect(find('今天去了恒信，预算有了')).toBe('c-hx');
    expect(find('恒信精密机械有限公司的合同盖章了')).toBe('c-hx');
    expect(find('acme那边说下周演示')).toBe('c-acme');
  });

  it('takes the longest name found, so 恒信医疗 is not read as 恒信', () => {
    expect(find('恒信医疗下个月招标', 'li')).toBe('c-hx-med');
  });

  it("prefers the rep's own customer when a name is shared", () => {
    expect(find('瑞康说再考虑考虑', 'li')).toBe('c-rk-2');
    expect(find('瑞康说再考虑考虑', 'wang')).toBe('c-rk');
  });

  it("prefers a shorter own customer over another rep's longer name", () => {
    expect(find('恒信医疗和恒信都在比价', 'li')).toBe('c-hx');
  });

  it('returns null when no name occurs, and ignores one-character fragments', () => {
    expect(find('好的，收到')).toBeNull();
    expect(find('恒')).toBeNull();
    expect(find('')).toBeNull();
  });
});
