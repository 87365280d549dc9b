// DingTalk wire shapes (protocols.md B2–B8): Stream frames, the robot message in a CALLBACK
// frame's `data`, and the OpenAPI / session-webhook bodies. Only what we read is validated;
// unknown keys (openThreadId, senderPlatform, …) pass through untouched.
import { z } from 'zod';

/** Topic of robot messages (same value as the SDK's TOPIC_ROBOT). */
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export interface StreamHeaders {
  appId?: string;
  connectionId?: string;
  contentType?: string;
  messageId: string;
  time?: string;
  topic: string;
  [key: string]: string | undefined;
}

/** A frame from the gateway: `data` is itself a JSON string. */
export interface StreamFrame {
  specVersion?: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK' | string;
  headers: StreamHeaders;
  data: string;
}

/** What the client sends back for a frame (ack, ping echo). */
export interface StreamAck {
  code: number;
  headers: { contentType?: string; messageId: string; [key: string]: string | undefined };
  message: string;
  data: string;
}

const richTextItem = z.looseObject({ text: z.string().optional(), type: z.string().optional(), downloadCode: z.string().optional() });

export const robotMessageSchema = z.looseObject({
  msgId: z.string().optional(),
  msgtype: z.string().default('text'),
  conversationId: z.string().min(1),
  /** "1" single chat, "2" group (a string on the wire). */
  conversationType: z.union([z.string(), z.number()]).transform(String),
  conversationTitle: z.string().optional(),
  senderId: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  senderCorpId: z.string().optional(),
  isInAtList: z.boolean().optional(),
  chatbotUserId: z.string().optional(),
  robotCode: z.string().optional(),
  createAt: z.number().optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  text: z.looseObject({ content: z.string().default('') }).optional(),
  content: z
    .looseObject({
      richText: z.array(richTextItem).optional(),
      recognition: z.string().optional(),
      downloadCode: z.string().optional(),
      duration: z.union([z.number(), z.string()]).optional(),
      fileName: z.string().optional(),
    })
    .optional(),
});

export type RobotMessage = z.infer<typeof robotMessageSchema>;

/** POST /v1.0/oauth2/accessToken answer. */
export const accessTokenSchema = z.object({ accessToken: z.string().min(1), expireIn: z.number().positive() });

/** POST /v1.0/robot/oToMessages/batchSend answer: HTTP 200 is not delivery (B7). */
export const batchSendSchema = z.looseObject({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
  filteredStaffIdList: z.array(z.string()).optional(),
});

export type BatchSendResponse = z.infer<typeof batchSendSchema>;

/** api.dingtalk.com error body (B8). */
export const apiErrorSchema = z.looseObject({ code: z.string().optional(), message: z.string().optional(), requestid: z.string().optional() });

/** Session webhook (and legacy oapi) answer. */
export const webhookResponseSchema = z.looseObject({ errcode: z.number(), errmsg: z.string().optional() });

/** Robot API message keys we render to (B7). */
export type RobotMsgKey =
  | 'sampleText'
  | 'sampleMarkdown'
  | 'sampleActionCard'
  | 'sampleActionCard2'
  | 'sampleActionCard3'
  | 'sampleActionCard4'
  | 'sampleActionCard5';

/** Body of a session-webhook post (B6). */
export type WebhookBody =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | {
      msgtype: 'actionCard';
      actionCard: {
        title: string;
        text: string;
        btnOrientation?: '0' | '1';
        singleTitle?: string;
        singleURL?: string;
        btns?: { title: string; actionURL: string }[];
      };
    };
