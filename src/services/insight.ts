// The conversation-insight runtime of one app: the compiled lexicon, the extractor over
// nodejieba, and the customer name index (rebuilt when customers change). Built once per
// Services object; the lexicon is validated when the app is created so a bad keywords/ file
// stops the start with its file, line and reason.
import type { Services } from '../core/context.ts';
import type { CompiledLexicon } from '../domain/insight/lexicon.ts';
import { createExtractor, type Extractor } from '../domain/insight/extractor.ts';
import { createJiebaSegmenter, type JiebaSegmenter } from '../domain/insight/segmenter.ts';
import { createNameIndex, type NameIndex } from '../domain/insight/customer-names.ts';
import { CATEGORY_LABELS, type SignalCategory } from '../domain/insight/signal.ts';
import type { Role } from '../domain/types.ts';
import { DEFAULT_KEYWORDS_DIR, loadLexicon } from './lexicon-loader.ts';

export interface InsightRuntime {
  lexicon: CompiledLexicon;
  extractor: Extractor;
  segmenter: JiebaSegmenter;
  /** Customers by name and alias; rebuilt (and fed to the segmenter) when customers change. */
  names(): NameIndex;
  label(category: SignalCategory): string;
  extract(text: string, role?: Role): ReturnType<Extractor['extract']>;
}

const lexicons = new Map<string, CompiledLexicon>();
const runtimes = new WeakMap<Services, InsightRuntime>();

/** Loads (once per process and folder) and compiles the lexicon; throws LexiconError when invalid. */
export function compiledLexicon(dir: string = DEFAULT_KEYWORDS_DIR): CompiledLexicon {
  let lexicon = lexicons.get(dir);
  if (!lexicon) {
    lexicon = loadLexicon(dir).compiled;
    lexicons.set(dir, lexicon);
  }
  return lexicon;
}

export function createInsightRuntime(lexicon: CompiledLexicon, loadCustomers?: { version(): string; rows(): Parameters<typeof createNameIndex>[0] }): InsightRuntime {
  const segmenter = createJiebaSegmenter();
  segmenter.addWords(lexicon.words);
  const extractor = createExtractor(lexicon, segmenter);
  let cached: { version: string; index: NameIndex } | null = null;
  return {
    lexicon,
    extractor,
    segmenter,
    names(): NameIndex {
      if (!loadCustomers) return (cached ??= { version: '', index: createNameIndex([]) }).index;
      const version = loadCustomers.version();
      if (!cached || cached.version !== version) {
        const index = createNameIndex(loadCustomers.rows());
        segmenter.addWords(index.words);
        cached = { version, index };
      }
      return cached.index;
    },
    label: (category) => lexicon.categories.get(category)?.label ?? CATEGORY_LABELS[category],
    extract: (text, role) => extractor.extract(text, { speakerRole: role }),
  };
}

export function insightFor(services: Services): InsightRuntime {
  let rt = runtimes.get(services);
  if (!rt) {
    const { insight } = services.store;
    rt = createInsightRuntime(compiledLexicon(services.config.insight.keywordsDir), {
      version: () => insight.customersVersion(),
      rows: () => insight.customerIndex(),
    });
    runtimes.set(services, rt);
  }
  return rt;
}

/**
 * Called once by createApp: validates the lexicon (a bad keywords/ file stops the start) and
 * remembers which customer each rep opened last, for attribution of the lines that follow.
 */
export function setUpInsight(services: Services): InsightRuntime {
  const rt = insightFor(services);
  services.events.on('customerOpened', (e) => services.store.insight.noteOpened(e.userId, e.customerId, e.at));
  return rt;
}
