import type * as Y from 'yjs';

export declare const BENCH_ROOT: string;
export declare function benchText(doc: Y.Doc): Y.XmlText;
export declare function observeBenchText(doc: Y.Doc, origin: unknown, onDelta: (delta: Array<{ insert?: unknown }>) => void): void;
