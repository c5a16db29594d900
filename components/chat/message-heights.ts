import type { FlintUIMessage } from '@/lib/types';

/** A message's height before it is measured: a question is short, an answer a few paragraphs. */
export const estimatedHeight = (message: FlintUIMessage) => (message.role === 'user' ? 76 : 360);
