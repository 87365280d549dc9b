// Signal vocabulary (shared/corpus/GUIDELINE.md): twelve categories, three sentiments.
export const SIGNAL_CATEGORIES = [
  'budget',
  'tender',
  'approval',
  'decision_maker',
  'timeline',
  'urgency',
  'competitor',
  'price_objection',
  'demo_poc',
  'contract',
  'risk',
  'it_integration',
] as const;

export const SENTIMENTS = ['positive', 'negative', 'neutral'] as const;

export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];
export type Sentiment = (typeof SENTIMENTS)[number];

export const CATEGORY_LABELS: Record<SignalCategory, string> = {
  budget: '预算',
  tender: '招标',
  approval: '审批',
  decision_maker: '决策人',
  timeline: '决策时间',
  urgency: '紧迫',
  competitor: '竞品',
  price_objection: '价格异议',
  demo_poc: '演示试用',
  contract: '合同回款',
  risk: '流失风险',
  it_integration: '系统对接',
};

/** What the extractor finds in one text. */
export interface Signal {
  category: SignalCategory;
  sentiment: Sentiment;
  /** The lexicon term that matched. */
  term: string;
  confidence: number;
  /** A short quote around the match, for briefs. */
  quote: string;
}

/** A signal as stored, traceable to its conversation line. */
export interface StoredSignal extends Signal {
  id: number;
  conversationId: number;
  userId: string | null;
  customerId: string | null;
  /** When the conversation line was sent (epoch ms). */
  at: number;
}
