/**
 * bpmn-moddle 10 ships types for the BPMN elements (`bpmn-moddle/types`) but none for its entry
 * point, and bpmnlint 11 ships none: the small part of each API we call, typed loosely (moddle
 * elements are dynamic objects whose properties depend on their `$type`).
 */
declare module 'bpmn-moddle' {
  export type ModdleElement = { $type: string; id?: string; name?: string; $parent?: ModdleElement; [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  export type ParseWarning = { message: string; element?: ModdleElement; property?: string; error?: Error };
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<{ rootElement: ModdleElement; references: unknown[]; warnings: ParseWarning[]; elementsById: Record<string, ModdleElement> }>;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
  }
}

declare module 'bpmnlint' {
  export type LintReport = { id?: string; message: string; category: string; path?: string[] };
  export class Linter {
    constructor(options: { config: Record<string, unknown>; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/lib/resolver/node-resolver' {
  export default class NodeResolver {
    constructor(options?: Record<string, unknown>);
  }
}
