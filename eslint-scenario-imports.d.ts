export declare const scenarioImports: { patterns: { regex: string; message: string }[] };
