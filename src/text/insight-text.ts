// Fixed Chinese texts of conversation insight (ingest replies, /记录, /绑定, /归属, /简报).
import type { Sentiment } from '../domain/insight/signal.ts';
import { shortQuote } from '../domain/quote.ts';

/** Lines an attribution reply quotes (the rest are counted). */
const ATTRIBUTED_QUOTES = 3;
/** Lines /归属 lists by number (later ones can still be picked by number). */
const UNATTRIBUTED_LISTED = 10;

export const SENTIMENT_LABELS: Record<Sentiment, string> = { positive: '积极', negative: '消极', neutral: '中性' };

export const INSIGHT_TEXT = {
  recorded: (customer: string, signals: string[]) =>
    signals.length ? `已记录 · ${customer}\n信号：${signals.join('、')}` : `已记录 · ${customer}（未发现关键信号）`,
  recordedAsk: (signals: string[], options: string[]) => {
    const lines = [signals.length ? `已记录。信号：${signals.join('、')}` : '已记录。', '这条沟通是关于哪位客户的？'];
    if (options.length) {
      options.forEach((name, i) => lines.push(`${i + 1}. ${name}`));
      lines.push('回复编号，或发送 /归属 客户名。');
    } else lines.push('请发送 /归属 客户名。');
    return lines.join('\n');
  },
  recordedPending: (signals: string[]) =>
    `${signals.length ? `已记录。信号：${signals.join('、')}` : '已记录。'}\n（未关联客户：回复上面问题的编号或 /归属 客户名，会一并关联。）`,
  recordedSmallTalk: '已记录。发送 /帮助 查看可用命令。',
  recordedPlain: '已记录。',
  emptyMessage: '这条消息没有文字内容，未记录。',
  voiceWithoutTranscript: '收到语音，但平台没有提供转写文字，未记录。请改发文字。',
  tooLong: (max: number) => `消息超过 ${max} 字，只记录了前 ${max} 字。`,
  duplicate: '这条消息已经记录过了。',

  recordUsage: '用法：/记录 客户名 沟通内容，例如 /记录 华康医疗 客户说预算已经批了',
  customerNotFound: (typed: string) => `没有找到客户「${typed}」。请写客户全称或别名，或先在CRM中同步该客户。`,
  customerNotFoundKept: (typed: string) => `没有找到客户「${shortQuote(typed, 20)}」，这条先记下了。`,
  customerAmbiguous: (typed: string, names: string[]) => `「${typed}」对应多个客户：${names.join('、')}。请写全称。`,

  bindOnlyInGroup: '/绑定 只能在客户群里使用：在群里 @我 并发送 /绑定 客户名。',
  bound: (customer: string) => `本群已绑定客户「${customer}」。之后群里 @我 的消息都会记到这个客户名下。`,
  unbound: '已解除本群的客户绑定。',
  notBound: '本群还没有绑定客户。发送 /绑定 客户名 绑定。',
  currentBinding: (customer: string) => `本群绑定的客户：${customer}。发送 /绑定 取消 可解除。`,

  nothingPending: '没有待关联客户的记录。',
  unattributedList: (lines: string[]) => {
    const shown = lines.slice(0, UNATTRIBUTED_LISTED).map((l, i) => `${i + 1}. 「${shortQuote(l, 24)}」`);
    const more = lines.length > UNATTRIBUTED_LISTED ? `\n…等 ${lines.length} 条` : '';
    const how = lines.length > 1 ? '发送 /归属 客户名 全部关联，或 /归属 1,2 客户名 只关联其中几条。' : '发送 /归属 客户名 关联。';
    return `未关联客户的沟通记录（${lines.length} 条）：\n${shown.join('\n')}${more}\n${how}`;
  },
  badLineNumber: (n: number, count: number) =>
    count > 1 ? `没有第 ${n} 条，待关联的记录编号是 1–${count}（发送 /归属 查看）。` : '只有 1 条待关联的记录，请发送 /归属 客户名。',
  badOption: (n: number, count: number) => (count ? `没有编号 ${n}，请回复 1–${count}，或发送 /归属 客户名。` : '请发送 /归属 客户名。'),
  attributed: (count: number, customer: string, lines: string[]) => {
    const numbered = lines.length > 1;
    const shown = lines.slice(0, ATTRIBUTED_QUOTES).map((l, i) => `${numbered ? `${i + 1}. ` : ''}「${shortQuote(l, 24)}」`);
    const more = lines.length > ATTRIBUTED_QUOTES ? `\n…等 ${lines.length} 条` : '';
    const undo = numbered ? '有误可发送 /归属 撤销 编号（或 /归属 撤销 全部）。' : '有误可发送 /归属 撤销。';
    return `已将 ${count} 条记录关联到「${customer}」：\n${shown.join('\n')}${more}\n${undo}`;
  },
  nothingToUndo: '没有可撤销的关联（只能撤销 24 小时内最近一次关联）。',
  badUndoNumber: (typed: string, count: number) =>
    count > 1 ? `没有编号「${shortQuote(typed, 10)}」，请发送 /归属 撤销 1–${count}，或 /归属 撤销 全部。` : '上次只关联了 1 条，请发送 /归属 撤销。',
  undoneOne: (line: string, customer: string) => `已撤销：「${shortQuote(line, 24)}」不再关联「${customer}」。要关联到别的客户，发送 /归属 客户名。`,
  undoneAll: (count: number, customer: string) => `已撤销 ${count} 条记录与「${customer}」的关联。要关联到别的客户，发送 /归属 客户名。`,
  alreadyUndone: (line: string, customer: string) => `「${shortQuote(line, 24)}」已不在「${customer}」名下，无需撤销。`,

  briefTeamOnlyLeaders: '/简报 团队 仅限主管和管理员使用。发送 /简报 查看你自己的简报。',
  briefNoTeam: '你名下还没有销售代表，暂无团队简报。',
  briefBadArgument: (typed: string) => `/简报 后面只能跟“团队”两个字。要看「${shortQuote(typed, 20)}」每个人的漏斗，请发送 /团队漏斗 ${shortQuote(typed, 20)}。`,
};
