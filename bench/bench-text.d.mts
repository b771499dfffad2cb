import type * as Y from 'yjs';

export declare function benchText(doc: Y.Doc, root: string): Y.XmlText;
export declare function observeBenchText(doc: Y.Doc, origin: unknown, roots: string[], onDelta: (delta: Array<{ insert?: unknown }>) => void): void;
export declare function benchTokens(doc: Y.Doc, root: string): string[];
