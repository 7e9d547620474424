import * as z from 'zod/v4';

/**
 * What the socket accepts, checked before anything acts on it. Loaded on the
 * first request only: zod is not part of tfui's start-up.
 */

const name = z.string().min(1).max(200);
const targets = z.array(name).max(500);
const cursors = z.record(name, z.number().int().min(0));

const schemas = {
  clientHello: z.object({ type: z.literal('hello'), protocol: z.number().int(), client: z.enum(['shell', 'agent']) }),
  request: z.object({ id: z.number().int().min(0), method: z.string(), params: z.unknown().optional() }),
  none: z.object({}).strict().optional(),
  targets: z.object({ targets }),
  scale: z.object({ counts: z.record(name, z.number().int()) }),
  logs: z.object({
    targets: targets.optional(),
    limit: z.number().int().min(0).optional(),
    head: z.number().int().min(0).optional(),
    after: cursors.optional(),
    grep: z.string().max(1000).optional(),
    maxLineLength: z.number().int().min(10).optional(),
  }),
  timeline: z.object({ limit: z.number().int().min(0).optional(), after: z.number().int().min(-1).optional(), targets: targets.optional() }),
  subscribe: z.object({
    events: z.boolean().optional(),
    output: z.object({ targets: targets.optional(), after: cursors.optional(), grep: z.string().max(1000).optional() }).nullable().optional(),
  }),
};

type Parsed<K extends keyof typeof schemas> = z.infer<(typeof schemas)[K]>;

/** The value as the schema reads it, or a message naming the first field that is wrong. */
export function check<K extends keyof typeof schemas>(kind: K, value: unknown): { ok: true; value: Parsed<K> } | { ok: false; message: string } {
  const result = schemas[kind].safeParse(value);
  if (result.success) return { ok: true, value: result.data as Parsed<K> };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid'}` };
}

