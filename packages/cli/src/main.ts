import { run } from './program.ts';

// Exit with the command's code at once, even if a database driver left a timer behind.
process.exit(await run(process.argv));
