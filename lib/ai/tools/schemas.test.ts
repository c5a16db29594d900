// Every tool's input schema is converted to JSON Schema once per process, not on every request
// (the AI SDK converts a bare zod schema again for each call, on the way to the first token).
import { asSchema, type FlexibleSchema } from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import { artifactTools } from './index';
import { forgetTool } from './forget';
import { rememberTool } from './remember';

const toolsFor = (messageId: string) => {
  const context = { userId: 'u1', chatId: 'c1', messageId };
  return { ...artifactTools(context), remember: rememberTool(context), forget: forgetTool(context) };
};

describe('tool input schemas', () => {
  it('are the same converted schema for every request, and describe their inputs', () => {
    const first = toolsFor('m1');
    const second = toolsFor('m2');
    const schemaOf = (tools: typeof first, name: string) => asSchema(tools[name as keyof typeof tools].inputSchema as FlexibleSchema<unknown>);
    for (const name of Object.keys(first)) {
      const schema = schemaOf(first, name);
      expect(schemaOf(second, name), name).toBe(schema);
      // Converted once: the same JSON Schema object each time it is read.
      expect(schema.jsonSchema, name).toBe(schema.jsonSchema);
      expect(schema.jsonSchema, name).toMatchObject({ type: 'object', properties: expect.any(Object) });
    }
    expect(Object.keys(first).sort()).toEqual(['create_artifact', 'forget', 'remember', 'update_artifact']);
  });

});
