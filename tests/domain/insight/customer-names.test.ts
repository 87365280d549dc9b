import { describe, expect, it } from 'vitest';
import { createNameIndex, findCustomerInText, lookupCustomer, mentionedCustomer, type NamedCustomer } from '../../../src/domain/insight/customer-names.ts';
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

describe('names several customers share', () => {
  const shared: NamedCustomer[] = [
    { id: 'c-nj', name: '南京启航医疗器械有限公司', ownerId: 'li', aliases: ['启航'] },
    { id: 'c-cd', name: '成都启航精密机械有限公司', ownerId: 'li', aliases: ['启航'] },
    { id: 'c-xa', name: '西安启航医疗器械有限公司', ownerId: 'wang', aliases: ['启航'] },
    { id: 'c-cs', name: '长沙明德农村商业银行', ownerId: 'li', aliases: ['明德'] },
    { id: 'c-sh', name: '上海明德精密机械有限公司', ownerId: 'li', aliases: ['明德'] },
  ];
  const sharedIndex = createNameIndex(shared);
  const mention = (text: string, owner?: string) => {
    const m = mentionedCustomer(sharedIndex, normalizeText(text).match, owner);
    return { customer: m.customer?.id ?? null, candidates: m.candidates.map((c) => c.id) };
  };

  it('settles a shared name by the words around it, whoever owns the customer', () => {
    expect(mention('长沙明德说下个月招标', 'li')).toEqual({ customer: 'c-cs', candidates: [] });
    expect(mention('西安启航说下个月招标', 'li')).toEqual({ customer: 'c-xa', candidates: [] });
    expect(mention('成都启航的合同盖章了', 'li')).toEqual({ customer: 'c-cd', candidates: [] });
  });

  it('does not guess when the text does not tell them apart: the rep\'s own candidates come back', () => {
    expect(mention('启航说预算有了', 'li')).toEqual({ customer: null, candidates: ['c-nj', 'c-cd'] });
    expect(findCustomerInText(sharedIndex, normalizeText('明德那边说再等等').match, 'li')).toBeNull();
    // Only one of them is the rep's: that one.
    expect(mention('启航说预算有了', 'wang')).toEqual({ customer: 'c-xa', candidates: [] });
  });
});

describe('lookupCustomer (what a rep typed after /记录 or /归属)', () => {
  const index2 = createNameIndex([
    { id: 'c-cs', name: '长沙明德农村商业银行', ownerId: 'li', aliases: ['明德'] },
    { id: 'c-sh', name: '上海明德精密机械有限公司', ownerId: 'li', aliases: ['明德'] },
    { id: 'c-cd', name: '成都明德医疗器械有限公司', ownerId: 'chen', aliases: ['明德'] },
  ]);

  it('takes a name that contains what was typed over aliases that what was typed contains', () => {
    const found = lookupCustomer(index2, '长沙明德', 'li');
    expect(found.kind === 'found' && found.customer.id).toBe('c-cs');
  });

  it('still asks for the full name when the typed text fits several', () => {
    const found = lookupCustomer(index2, '明德', 'li');
    expect(found.kind).toBe('ambiguous');
    expect(found.kind === 'ambiguous' && found.candidates.map((c) => c.id)).toEqual(['c-cs', 'c-sh']);
  });
});
