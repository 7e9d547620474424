// The MCP server, built as its own file (dist/mcp.cjs): only `tfui mcp` loads it and the SDK.
export { runMcpServer, type McpOptions } from './server.js';
