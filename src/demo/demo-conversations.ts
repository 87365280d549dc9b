// Recent customer conversations for the demo team, fed through the real archive ingest (so the
// extractor, attribution and SOP triggers all run): /客户, /简报 and the brief have something to show.
import type { Services } from '../core/context.ts';
import { ingestArchived } from '../services/archive-ingest.ts';
import { DAY_MS } from '../domain/time.ts';

/** [rep letter, customer number, days ago, what the customer said] */
const LINES: [string, number, number, string][] = [
  ['A', 1, 3, '我们今年预算有80万左右，月底前想把方案定下来。'],
  ['A', 1, 1, '可以约张总下周见个面，他拍板。'],
  ['A', 4, 2, '下个月挂网招标，标书要求我们会提前发给你。'],
  ['B', 2, 4, '你们报价比别家贵了不少，能不能便宜点？'],
  ['B', 2, 1, '我们也在看销售易，他们的方案下周来演示。'],
  ['B', 6, 2, '领导还没批，先等等吧。'],
  ['B', 8, 1, '预算被砍了一半，项目可能要推到明年。'],
  ['C', 3, 2, '试用反馈不错，销售部都说好用。'],
  ['C', 5, 1, '合同已经盖章了，款下周安排打过来。'],
  ['D', 1, 3, 'IT部门担心数据安全，不同意放公有云。'],
  ['D', 2, 1, '再考虑考虑吧，暂时不需要了。'],
  ['E', 2, 2, '我们着急上线，能不能尽快安排一次演示？'],
  ['E', 4, 1, '需要对接我们的用友ERP，这个你们支持吗？'],
  ['F', 2, 2, '审批通过了，下周签合同。'],
  ['F', 7, 1, '招标流程是怎样的？我们第一次采购这类系统。'],
];

export function loadDemoConversations(services: Services, now = services.now()): number {
  const items = LINES.map(([rep, n, daysAgo, text], index) => {
    const customerId = `demo-cust-${rep}${String(n).padStart(2, '0')}`;
    return {
      index,
      prefix: 'demo',
      raw: {
        msgId: `demo-msg-${rep}${n}-${daysAgo}-${index}`,
        from: `ext-${customerId}`,
        to: [services.store.customers.get(customerId)?.ownerId ?? ''].filter(Boolean),
        time: now - daysAgo * DAY_MS - (index % 5) * 3_600_000,
        text,
        customerId,
      },
    };
  });
  const known = items.filter((i) => services.store.customers.get(i.raw.customerId));
  return ingestArchived(services, known).added;
}
