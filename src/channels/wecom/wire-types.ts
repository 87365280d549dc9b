// WeCom's wire shapes (接收消息与事件, 通讯录回调通知, 发送应用消息), validated with zod. The XML
// parser keeps every value a string, so a 64-bit MsgId never passes through a JS number.
import { z } from 'zod';

const str = z.string();
const digits = z.string().regex(/^\d{1,20}$/, 'expected digits');
/** `<Tag></Tag>` parses to '' and a missing tag to undefined; both mean "not given". */
const opt = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

/** The POST body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export const envelopeSchema = z.object({
  ToUserName: opt,
  Encrypt: z.string().min(1),
  AgentID: opt,
});

const base = {
  ToUserName: str,
  FromUserName: str.min(1),
  CreateTime: digits,
  AgentID: opt,
};

export const textSchema = z.object({ ...base, MsgType: z.literal('text'), Content: z.string(), MsgId: digits });
export const voiceSchema = z.object({ ...base, MsgType: z.literal('voice'), MediaId: str.min(1), Format: opt, MsgId: digits });

export const cardEventSchema = z.object({
  ...base,
  MsgType: z.literal('event'),
  Event: z.literal('template_card_event'),
  EventKey: str.min(1),
  TaskId: str.min(1),
  CardType: opt,
  ResponseCode: opt,
});

export const enterAgentSchema = z.object({ ...base, MsgType: z.literal('event'), Event: z.literal('enter_agent'), EventKey: opt });

/**
 * change_contact for members. Since 2022-08 new callbacks may carry only UserID and Department;
 * the rest is then fetched with user/get.
 */
export const contactEventSchema = z.object({
  ...base,
  MsgType: z.literal('event'),
  Event: z.literal('change_contact'),
  ChangeType: str.min(1),
  UserID: opt,
  NewUserID: opt,
  Name: opt,
  Department: opt,
  MainDepartment: opt,
  Position: opt,
  Status: opt,
  DirectLeader: opt,
  Alias: opt,
});

/** Just enough to route: anything else is acknowledged and logged. */
export const anyPayloadSchema = z.object({
  FromUserName: opt,
  CreateTime: opt,
  MsgType: str.min(1),
  Event: opt,
  MsgId: opt,
});

export type TextPayload = z.infer<typeof textSchema>;
export type VoicePayload = z.infer<typeof voiceSchema>;
export type CardEventPayload = z.infer<typeof cardEventSchema>;
export type EnterAgentPayload = z.infer<typeof enterAgentSchema>;
export type ContactEventPayload = z.infer<typeof contactEventSchema>;

// --- API (https://qyapi.weixin.qq.com/cgi-bin/...) ---

export interface ApiResult {
  errcode: number;
  errmsg: string;
}

export const apiResultSchema = z.looseObject({ errcode: z.number().int().default(0), errmsg: z.string().default('') });

export const tokenResultSchema = z.looseObject({
  errcode: z.number().int().default(0),
  errmsg: z.string().default(''),
  access_token: z.string().optional(),
  expires_in: z.number().int().optional(),
});

export const sendResultSchema = z.looseObject({
  errcode: z.number().int().default(0),
  errmsg: z.string().default(''),
  invaliduser: z.string().optional(),
  unlicenseduser: z.string().optional(),
  msgid: z.string().optional(),
  response_code: z.string().optional(),
});

export const userResultSchema = z.looseObject({
  errcode: z.number().int().default(0),
  errmsg: z.string().default(''),
  userid: z.string().optional(),
  name: z.string().optional(),
  department: z.array(z.number()).optional(),
  position: z.string().optional(),
  status: z.number().int().optional(),
  direct_leader: z.array(z.string()).optional(),
});

export type SendResult = z.infer<typeof sendResultSchema>;
export type UserResult = z.infer<typeof userResultSchema>;

export interface HorizontalItem {
  keyname: string;
  value: string;
}

export interface TemplateCard {
  card_type: 'text_notice' | 'button_interaction';
  source?: { desc: string; desc_color?: number };
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: HorizontalItem[];
  card_action?: { type: 1; url: string };
  task_id?: string;
  button_list?: { text: string; style: number; key: string }[];
}

/** One message/send body (one of text, markdown, template_card). */
export type SendBody = {
  touser: string;
  agentid: number;
  enable_duplicate_check: 0;
} & (
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; template_card: TemplateCard }
);
