import { withIdentityAs } from '@/lib/access/with-identity-as';
import { getPipelineLimits } from '@/lib/limits/get-pipeline-limits';
import { handleMcpRequest } from '@/lib/service/mcp/mcp-handler';
import { McpSessions } from '@/lib/service/mcp/mcp-sessions';
import { getCouncilService } from '@/lib/server/council-service';
import { getLiveRuns } from '@/lib/server/live-runs';
import { withService } from '@/lib/server/service-or-error';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One session registry per process, shared by every route bundle (like the service and the store). */
const SESSIONS_KEY = Symbol.for('quorum.mcpSessions');
function sessions(): McpSessions {
  const holder = globalThis as { [SESSIONS_KEY]?: McpSessions };
  holder[SESSIONS_KEY] ??= new McpSessions();
  return holder[SESSIONS_KEY];
}

/** The council as an MCP server, Streamable HTTP (DESIGN.md §6): POST messages, GET the event stream, DELETE the session. */
async function handle(request: Request): Promise<Response> {
  return withIdentityAs('/mcp', request, async (identity) =>
    withService(getCouncilService, (service) =>
      handleMcpRequest(request, {
        identity,
        sessions: sessions(),
        deps: () => ({ service, openStore: getStore, liveRuns: getLiveRuns(), ...getPipelineLimits(service.config) }),
        version: process.env.npm_package_version ?? '0.1.0',
      }),
    ),
  );
}

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
