import { createRequire } from 'node:module';
import type { McpOptions } from '../mcp/index.js';
import { findProject } from './find-project.js';
import type { ProjectFlags } from './program.js';
import { VERSION } from './program.js';

/**
 * `tfui mcp`: the MCP server and its SDK are a file of their own next to the
 * CLI's bundle (scripts/build.mjs), loaded here only: the screen's start-up
 * never pays for them.
 */
export async function mcpCommand(flags: ProjectFlags, allowControl: boolean): Promise<number> {
  const project = findProject(flags, process.cwd());
  const { runMcpServer } = createRequire(import.meta.url)('./mcp.cjs') as { runMcpServer(options: McpOptions): Promise<void> };
  await runMcpServer({ project, allowControl, version: VERSION });
  // Serves until the client closes stdin.
  await new Promise<void>((resolve) => process.stdin.once('close', resolve).once('end', resolve));
  return 0;
}
