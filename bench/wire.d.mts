export type Wire = { hocuspocus: boolean; docName: string };
export declare function wireOf(url: string): Wire;
export declare function outgoing(wire: Wire, message: Uint8Array): Uint8Array;
export declare function incoming(wire: Wire, bytes: Uint8Array): Uint8Array | null;
export declare function hello(wire: Wire): Uint8Array[];
