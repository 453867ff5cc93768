export declare const nondeterminism: ReadonlyArray<{ selector: string; message: string }>;
