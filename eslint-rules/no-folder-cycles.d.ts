// Types for the TypeScript tests that import the rule (the rule itself is plain JS: eslint.config.js loads it).
import type { Rule } from 'eslint';

declare const rule: Rule.RuleModule;
export default rule;
