export { buildProgram, run } from './program.ts';
export { describeError, EXIT, UserError } from './cli-errors.ts';
