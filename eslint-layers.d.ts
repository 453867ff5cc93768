import type { ESLint, Rule } from 'eslint';

export declare const layers: Readonly<Record<string, { values: readonly string[]; types: readonly string[] }>>;
export declare const layersRule: Rule.RuleModule;
export declare const layersPlugin: ESLint.Plugin;
