// Fixed user-facing sentences (Chinese), in one place so wording stays consistent.
import type { ChannelName } from '../core/message.ts';

const PLATFORM_ID: Record<ChannelName, string> = {
  console: '用户编号',
  wecom: '企业微信账号',
  dingtalk: '钉钉账号',
};

export const TEXT = {
  notACommand: '发送 /帮助 查看可用命令。',
  unknownCommand: (name: string) => `没有命令 ${name}。发送 /帮助 查看可用命令。`,
  unknownCommandSuggest: (name: string, near: string) => `没有命令 ${name}，你是不是想用 ${near}？发送 /帮助 查看全部命令。`,
  forbidden: (name: string) => `${name} 仅限主管和管理员使用。你可以用 /我的漏斗 查看自己的漏斗。`,
  badArgs: (name: string, usage?: string) => `参数不对。用法：${name}${usage ? ` ${usage}` : ''}`,
  unknownUser: (channel: ChannelName, senderId: string) =>
    `你还没有在销售雷达登记，暂时无法使用。请把你的${PLATFORM_ID[channel]}「${senderId}」发给销售运营或管理员，由他们从CRM同步后即可使用。`,
  inactiveUser: '你的账号已停用。如有疑问请联系销售运营。',
  internalError: '出错了，请稍后再试。问题已记录，管理员会跟进。',
};
