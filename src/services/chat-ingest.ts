// Chat side of conversation ingest: a rep's plain message (or a group message @ the bot) and
// /记录 become conversation records, with a short reply saying what was recorded; a record
// without a customer raises one "which customer?" question, answered by number or /归属.
import { runNow, type Later, type Services } from '../core/context.ts';
import type { ConversationHandler } from '../core/router.ts';
import { text, type InboundMessage, type OutboundMessage } from '../core/message.ts';
import { UserError } from '../core/errors.ts';
import { stripLeadingMentions } from '../core/command-parser.ts';
import type { User } from '../domain/types.ts';
import type { StoredSignal } from '../domain/insight/signal.ts';
import { lookupCustomer, type NamedCustomer } from '../domain/insight/customer-names.ts';
import { normalizeText, toHalfWidth } from '../domain/insight/normalize.ts';
import { DAY_MS } from '../domain/time.ts';
import { INSIGHT_TEXT, SENTIMENT_LABELS } from '../text/insight-text.ts';
import { createIngestService, MAX_TEXT_CHARS } from './ingest-service.ts';
import { insightFor } from './insight.ts';

/** How many customers the attribution question offers by number. */
const QUESTION_OPTIONS = 5;
/**
 * A "which customer?" question stays open this long: later lines with signals join its answer
 * only within it, and after it the next unattributed line asks afresh.
 */
export const QUESTION_OPEN_MS = 4 * 3_600_000;
/** Without an open question, /归属 takes the lines with signals of this long ago and since. */
const RECENT_UNATTRIBUTED_MS = 3 * DAY_MS;
/** /归属 撤销 takes back the last answer for this long. */
export const UNDO_WINDOW_MS = 24 * 3_600_000;
/** Shorter messages without signals or customer are small talk: recorded, no question. */
const SMALL_TALK_CHARS = 8;

export function roomKey(inbound: InboundMessage): string | null {
  return inbound.conversation.kind === 'group' ? `${inbound.channel}:${inbound.conversation.id}` : null;
}

function signalList(services: Services, signals: StoredSignal[]): string[] {
  const rt = insightFor(services);
  return signals.map((s) => `${rt.label(s.category)}（${SENTIMENT_LABELS[s.sentiment]}）`);
}

/**
 * Customers offered by number: those a shared name in the line could mean, then the rep's most
 * recently discussed, then their other customers.
 */
function questionOptions(services: Services, user: User, named: readonly string[] = []): NamedCustomer[] {
  const { store, now } = services;
  const names = insightFor(services).names();
  const recent = store.insight.recentCustomers(user.id, now() - 30 * DAY_MS, QUESTION_OPTIONS);
  const own = () => store.customers.listByOwner(user.id).map((c) => c.id);
  const ids = new Set(named.slice(0, QUESTION_OPTIONS));
  for (const id of [...recent, ...(ids.size + recent.length < QUESTION_OPTIONS ? own() : [])]) {
    if (ids.size >= QUESTION_OPTIONS) break;
    ids.add(id);
  }
  return [...ids].map((id) => names.customers.get(id)).filter((c): c is NamedCustomer => Boolean(c));
}

/** The user's open "which customer?" question; one asked longer ago than QUESTION_OPEN_MS is closed here. */
export function openQuestion(services: Services, userId: string) {
  const { insight } = services.store;
  const pending = insight.pendingQuestion(userId);
  if (pending && services.now() - pending.askedAt > QUESTION_OPEN_MS) {
    insight.clearQuestion(userId);
    return null;
  }
  return pending;
}

/** A bare option number as people type it: 2, ２, 2., 第2个, 选2. */
export function optionNumber(text: string): number | null {
  // Full-width digits and punctuation (２，！) read as their half-width forms.
  const m = /^\s*(?:选|第)?\s*(\d{1,2})\s*(?:个|号)?\s*[.。、,!]?\s*$/.exec(toHalfWidth(text));
  return m ? Number(m[1]) : null;
}

/** Resolves a typed customer for /记录 and /归属, or explains what went wrong. */
export function resolveCustomer(services: Services, user: User, typed: string): NamedCustomer {
  const found = lookupCustomer(insightFor(services).names(), typed, user.id);
  if (found.kind === 'found') return found.customer;
  if (found.kind === 'ambiguous') throw new UserError('conflict', INSIGHT_TEXT.customerAmbiguous(typed, found.candidates.map((c) => c.name)));
  throw new UserError('not_found', INSIGHT_TEXT.customerNotFound(typed));
}

/** Which customer a chat line is about, when the rep said so: one (/记录 华康), or one of several (/记录 正泰). */
export interface StatedCustomer {
  customer?: NamedCustomer;
  /** A name several customers share (or, with `unknown`, none): the line is kept and the rep asked, these first. */
  among?: NamedCustomer[];
  /** The name the rep typed when no customer has it (not yet synced from the CRM, a typo). */
  unknown?: string;
}

/**
 * Records a chat line (plain message or the content of /记录) and returns the reply; the signals
 * are announced (coaching cards) through `afterReply`, so the rep sees 已记录 first.
 */
export function recordChat(services: Services, user: User, inbound: InboundMessage, body: string, stated: StatedCustomer = {}, afterReply: Later = runNow): OutboundMessage {
  const explicit = stated.customer;
  if (!normalizeText(body).match) {
    return text(inbound.contentType === 'voice' ? INSIGHT_TEXT.voiceWithoutTranscript : INSIGHT_TEXT.emptyMessage);
  }
  const ingest = createIngestService(services);
  const outcome = ingest.record({
    msgId: `${inbound.channel}:${inbound.id}`,
    source: inbound.channel,
    user,
    sender: inbound.senderId,
    roomId: roomKey(inbound),
    text: body,
    sentAt: inbound.receivedAt.getTime(),
    explicitCustomerId: explicit?.id ?? null,
    speakerRole: user.role,
    useLastOpened: !stated.among,
    flags: inbound.contentType === 'voice' ? ['voice'] : [],
  }, afterReply);
  if (outcome.status === 'duplicate') return text(INSIGHT_TEXT.duplicate);
  const signals = signalList(services, outcome.signals);
  const tail = body.length > MAX_TEXT_CHARS ? `\n${INSIGHT_TEXT.tooLong(MAX_TEXT_CHARS)}` : '';
  if (outcome.customerId) {
    const name = insightFor(services).names().customers.get(outcome.customerId)?.name ?? outcome.customerId;
    return text(INSIGHT_TEXT.recorded(name, signals) + tail);
  }
  const { insight } = services.store;
  // Lines with signals join the open question's answer; small talk stays without a customer.
  if (openQuestion(services, user.id)) return text((signals.length ? INSIGHT_TEXT.recordedPending(signals) : INSIGHT_TEXT.recordedPlain) + tail);
  if (!stated.among && outcome.signals.length === 0 && body.trim().length < SMALL_TALK_CHARS) return text(INSIGHT_TEXT.recordedSmallTalk);
  const options = questionOptions(services, user, stated.among?.map((c) => c.id) ?? outcome.nameCandidates);
  insight.ask(user.id, outcome.conversationId!, options.map((c) => c.id), services.now());
  // A colleague's customer among the options says whose it is (several share a short name).
  const label = (c: NamedCustomer) => (c.ownerId === user.id ? c.name : `${c.name}（${services.store.users.get(c.ownerId)?.name ?? c.ownerId}）`);
  const asked = INSIGHT_TEXT.recordedAsk(signals, options.map(label));
  return text((stated.unknown ? `${INSIGHT_TEXT.customerNotFoundKept(stated.unknown)}\n` : '') + asked + tail);
}

/** The lines /归属 files now, oldest first: those of the open question, else the user's recent ones with signals. */
function linesToFile(services: Services, userId: string, pending: ReturnType<typeof openQuestion>): { id: number; text: string }[] {
  const { insight } = services.store;
  return pending
    ? insight.unattributedFrom(userId, pending.firstConversationId, pending.askedAt + QUESTION_OPEN_MS)
    : insight.unattributedSince(userId, services.now() - RECENT_UNATTRIBUTED_MS);
}

/** "1,3 华康" → line numbers and the customer typed after them; null when the answer does not start with numbers. */
function pickedLines(answer: string): { numbers: number[]; customer: string } | null {
  const m = /^(\d{1,3}(?:\s*[,、]\s*\d{1,3})*)\s+(\S.*)$/.exec(toHalfWidth(answer.trim()));
  if (!m) return null;
  return { numbers: [...new Set(m[1]!.split(/\s*[,、]\s*/).map(Number))], customer: m[2]!.trim() };
}

/** /归属 without arguments: the lines still without a customer, numbered for /归属 编号 客户名. */
export function listUnattributed(services: Services, user: User): OutboundMessage {
  const lines = linesToFile(services, user.id, openQuestion(services, user.id));
  return text(lines.length ? INSIGHT_TEXT.unattributedList(lines.map((l) => l.text)) : INSIGHT_TEXT.nothingPending);
}

/**
 * Answers the open "which customer?" question with a number or a customer name: the line asked
 * about and the later lines with signals go to that customer, and the reply lists them. Without
 * an open question (lines from an import, which asks nobody), a customer name takes the user's
 * recent lines with signals, the ones the morning brief points at.
 */
export function answerAttribution(services: Services, user: User, answer: string, afterReply: Later = runNow): OutboundMessage {
  const { insight } = services.store;
  const pending = openQuestion(services, user.id);
  const number = optionNumber(answer);
  const byNumber = number !== null;
  const open = byNumber && !pending ? [] : linesToFile(services, user.id, pending);
  if (!pending && open.length === 0) return text(INSIGHT_TEXT.nothingPending);
  let lines = open;
  let customer: NamedCustomer;
  const picked = pickedLines(answer);
  if (pending && number !== null) {
    const n = number;
    const id = pending.options[n - 1];
    const found = id ? insightFor(services).names().customers.get(id) : undefined;
    if (!found) return text(INSIGHT_TEXT.badOption(n, pending.options.length));
    customer = found;
  } else if (picked && picked.numbers.every((n) => n >= 1 && n <= open.length)) {
    // /归属 1,3 华康: only the lines the list (/归属) showed under those numbers.
    customer = resolveCustomer(services, user, picked.customer);
    lines = picked.numbers.sort((a, b) => a - b).map((n) => open[n - 1]!);
  } else if (picked) {
    // Not read as a customer name: a lenient match on "4 华康" would file every line under 华康.
    return text(INSIGHT_TEXT.badLineNumber(picked.numbers.find((n) => n < 1 || n > open.length)!, open.length));
  } else customer = resolveCustomer(services, user, answer);
  const count = createIngestService(services).attributeLater(lines.map((l) => l.id), customer.id, user.id, afterReply);
  // The question is answered once none of its lines is left without a customer.
  if (pending && lines.length === open.length) insight.clearQuestion(user.id);
  insight.rememberAnswer(user.id, customer.id, lines.map((l) => l.id), services.now());
  return text(INSIGHT_TEXT.attributed(count, customer.name, lines.map((l) => l.text)));
}

/**
 * /归属 撤销 [编号]: takes back the last answer (a wrong number, a line about another company swept
 * in), whole or one line by the number the reply listed it under. The lines are kept, without a
 * customer again, so /归属 客户名 can file them anew.
 */
export function undoAttribution(services: Services, user: User, which: string): OutboundMessage {
  const { insight, signals } = services.store;
  const last = insight.lastAnswer(user.id);
  if (!last || services.now() - last.answeredAt > UNDO_WINDOW_MS) return text(INSIGHT_TEXT.nothingToUndo);
  const customer = insightFor(services).names().customers.get(last.customerId)?.name ?? last.customerId;
  if (!which || /^(?:全部|所有|都|all)$/i.test(which)) {
    // All or nothing, as the answer was written.
    const taken = services.store.db.transaction(() => last.conversationIds.filter((id) => signals.unattribute(id, last.customerId)))();
    insight.forgetAnswer(user.id);
    return text(taken.length ? INSIGHT_TEXT.undoneAll(taken.length, customer) : INSIGHT_TEXT.nothingToUndo);
  }
  const n = optionNumber(which);
  const id = n === null ? undefined : last.conversationIds[n - 1];
  if (id === undefined) return text(INSIGHT_TEXT.badUndoNumber(which, last.conversationIds.length));
  const line = insight.conversation(id)?.text ?? '';
  // The list keeps its numbering, so 撤销 2 then 撤销 3 mean what the reply showed.
  if (!signals.unattribute(id, last.customerId)) return text(INSIGHT_TEXT.alreadyUndone(line, customer));
  return text(INSIGHT_TEXT.undoneOne(line, customer));
}

/** The router's handler for every non-command message: a bare number answers the open question. */
export const onConversation: ConversationHandler = ({ user, inbound, services, afterReply }) => {
  const body = stripLeadingMentions(inbound.text);
  if (optionNumber(body) !== null && openQuestion(services, user.id)) return answerAttribution(services, user, body, afterReply);
  return recordChat(services, user, inbound, body, {}, afterReply);
};
