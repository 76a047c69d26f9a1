#!/usr/bin/env node
// Entry point of `npx rencai`: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
process.env.RENCAI_CLI = '1';
await import('../src/cli.ts');
