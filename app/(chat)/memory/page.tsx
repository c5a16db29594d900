import type { Metadata } from 'next';
import { MemoryPanel } from '@/components/memory/memory-panel';
import { getMemoryOverview } from './actions';

export const metadata: Metadata = { title: 'Memory' };
export const dynamic = 'force-dynamic';

export default async function MemoryPage() {
  const overview = await getMemoryOverview();
  const value = overview.ok ? overview.value : { memories: [], preferences: { memoryEnabled: true, aboutMe: '', responseStyle: '' } };
  return <MemoryPanel initialMemories={value.memories} initialPreferences={value.preferences} />;
}
